package plain

import (
	"runtime"
	"testing"
)

// The test variant of plain refers to runtime.SetFinalizer, so the vet gate
// type-checks it although it skips plain alone: the syntax it remembers of
// plain.go must not hide this file.
func TestLabel(t *testing.T) {
	p := &Point{X: 3}
	runtime.SetFinalizer(p, func(p *Point) {})
	if got := Label(p); got != "***" {
		t.Errorf("Label = %q", got)
	}
}
