package other_test

import (
	"testing"

	"example.com/variants/base"
	"example.com/variants/other"
	"example.com/variants/wrap"
)

// TestGet uses Get's result unchecked: reported through the facts of wrap
// as compiled for this test.
func TestGet(t *testing.T) {
	r := wrap.Make(&base.Item{Name: "b"})
	t.Log(other.Label(r.Get().Name))
}
