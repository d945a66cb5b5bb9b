package base_test

import (
	"testing"

	"example.com/variants/base"
	"example.com/variants/wrap"
)

// TestGet uses Get's result unchecked: reported through the facts of wrap
// as compiled for this test.
func TestGet(t *testing.T) {
	r := wrap.Make(&base.Item{Name: "a"})
	t.Log(r.Get().Name)
}
