package base

import "testing"

func TestConn(t *testing.T) {
	if (Conn{Open: true}).Open != true {
		t.Fail()
	}
}
