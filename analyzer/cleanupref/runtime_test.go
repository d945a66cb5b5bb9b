package cleanupref_test

import (
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/weaklint/weaklint/analyzer/cleanupref/testdata/shapes"
)

// register runs a shape's registration and reports whether it panicked.
func register(f func(*atomic.Bool), ran *atomic.Bool) (panicked bool) {
	defer func() { panicked = recover() != nil }()
	f(ran)
	return false
}

// TestRuntimeBehaviour runs each shape and observes the collector: the
// cleanups the analyzer accepts run, the ones it reports never do (or are
// refused by the runtime). This is the evidence behind the check, on the Go
// version that runs the tests.
func TestRuntimeBehaviour(t *testing.T) {
	ran := make([]atomic.Bool, len(shapes.Shapes))
	panicked := make([]bool, len(shapes.Shapes))
	for i, s := range shapes.Shapes {
		panicked[i] = register(s.Register, &ran[i])
	}
	allAcceptedRan := func() bool {
		for i, s := range shapes.Shapes {
			if s.Want == shapes.Runs && !ran[i].Load() {
				return false
			}
		}
		return true
	}
	// Cleanups run on their own goroutine after a cycle finds the object
	// unreachable; finalizers need a second cycle to free it. Give the
	// collector a bounded number of cycles, then as many again so that a
	// reported cleanup had every chance to run too.
	const maxCycles = 200
	cycles := 0
	for ; cycles < maxCycles && !allAcceptedRan(); cycles++ {
		runtime.GC()
		runtime.Gosched()
	}
	for range cycles + 2 {
		runtime.GC()
		runtime.Gosched()
	}
	for i, s := range shapes.Shapes {
		got := shapes.NeverRuns
		switch {
		case panicked[i]:
			got = shapes.Panics
		case ran[i].Load():
			got = shapes.Runs
		}
		if got != s.Want {
			t.Errorf("%s: cleanup %v after %d GC cycles, want %v", s.Name, got, cycles, s.Want)
		}
		if s.Reported != (s.Want != shapes.Runs) {
			t.Errorf("%s: reported = %v, but the cleanup %v", s.Name, s.Reported, s.Want)
		}
	}
	t.Logf("accepted cleanups ran within %d GC cycles", cycles)
}
