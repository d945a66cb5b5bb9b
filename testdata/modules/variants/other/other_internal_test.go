package other

import "testing"

func TestLabel(t *testing.T) {
	if Label("a") != "<a>" {
		t.Fail()
	}
}
