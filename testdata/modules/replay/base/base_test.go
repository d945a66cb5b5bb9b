package base_test

import (
	"runtime"
	"testing"
	"weak"

	"example.com/replay/base"
	"example.com/replay/wrap"
)

func TestClose(t *testing.T) {
	conn := &base.Conn{Name: "a", Open: true}
	wrap.Close(weak.Make(conn))
	runtime.KeepAlive(conn)
}
