//go:build unix

package cputime_test

import (
	"testing"
	"time"

	"github.com/weaklint/weaklint/internal/cputime"
)

// Spinning for a while must show as CPU time, at least a good part of the
// wall time spun (the machine may be shared, so not all of it).
func TestProcessCountsSpinning(t *testing.T) {
	start, ok := cputime.Process()
	if !ok {
		t.Fatal("no CPU time")
	}
	const spin = 50 * time.Millisecond
	x := 0
	for t0 := time.Now(); time.Since(t0) < spin; {
		x++
	}
	end, ok := cputime.Process()
	if !ok {
		t.Fatal("no CPU time")
	}
	if used := end - start; used < spin/10 {
		t.Errorf("spun %v (%d rounds) but CPU time grew by %v", spin, x, used)
	}
}
