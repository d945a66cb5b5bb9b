package base

import "testing"

func TestItem(t *testing.T) {
	if (Item{Name: "x"}).Name != "x" {
		t.Fail()
	}
}
