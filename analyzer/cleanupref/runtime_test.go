package cleanupref_test

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// resource is big enough and holds a pointer, so that it is neither a
// zero-size nor a tiny allocation: cleanups on it are expected to run.
type resource struct {
	fd   int
	buf  [64]byte
	next *resource
}

func (r *resource) release(int) {}

// What becomes of a cleanup.
type outcome int

const (
	runs      outcome = iota // the object is collected and the cleanup runs
	neverRuns                // the object is kept alive: the cleanup never runs
	panics                   // the runtime refuses the registration (Go 1.26 checks the simplest cases)
)

func (o outcome) String() string { return [...]string{"runs", "never runs", "panics"}[o] }

// The shapes the analyzer reports and the ones it accepts, each registering
// a cleanup that sets ran on a fresh object that nothing else keeps. Every
// reported shape must panic or never run; every accepted one must run.
var shapes = []struct {
	name     string
	reported bool
	want     outcome
	register func(ran *atomic.Bool)
}{
	{"closure captures the object", true, panics, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, func(int) { _ = r.fd; ran.Store(true) }, 0)
	}},
	{"closure captures a variable that held the object", true, neverRuns, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		v := r
		// The closure assigns v, so it captures the variable by reference:
		// it holds &v, not r, and the runtime cannot see that v holds r.
		runtime.AddCleanup(r, func(int) { _ = v.fd; v = nil; ran.Store(true) }, 0)
	}},
	{"closure captures a struct holding the object", true, neverRuns, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		h := &struct{ r *resource }{r}
		runtime.AddCleanup(r, func(int) { _ = h.r; ran.Store(true) }, 0)
	}},
	{"method value bound to the object", true, panics, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, r.release, 0)
	}},
	{"argument is the object", true, panics, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, func(*resource) { ran.Store(true) }, r)
	}},
	{"argument points into the object", true, panics, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, func(buf *[64]byte) { ran.Store(true) }, &r.buf)
	}},
	{"argument slices the object", true, neverRuns, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, func(buf []byte) { ran.Store(true) }, r.buf[:])
	}},
	{"argument holds the object", true, neverRuns, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, func(all []*resource) { ran.Store(true) }, []*resource{r})
	}},
	{"finalizer captures the object", true, neverRuns, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.SetFinalizer(r, func(*resource) { _ = r.fd; ran.Store(true) })
	}},
	{"field copied into the argument", false, runs, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, func(fd int) { ran.Store(fd == 1) }, r.fd)
	}},
	{"closure captures another object", false, runs, func(ran *atomic.Bool) {
		r, other := &resource{fd: 1}, &resource{fd: 2}
		runtime.AddCleanup(r, func(int) { _ = other.fd; ran.Store(true) }, 0)
	}},
	{"finalizer uses its parameter", false, runs, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.SetFinalizer(r, func(r *resource) { ran.Store(r.fd == 1) })
	}},
}

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
	ran := make([]atomic.Bool, len(shapes))
	panicked := make([]bool, len(shapes))
	for i, s := range shapes {
		panicked[i] = register(s.register, &ran[i])
	}
	allAcceptedRan := func() bool {
		for i, s := range shapes {
			if s.want == runs && !ran[i].Load() {
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
	for i, s := range shapes {
		got := neverRuns
		switch {
		case panicked[i]:
			got = panics
		case ran[i].Load():
			got = runs
		}
		if got != s.want {
			t.Errorf("%s: cleanup %v after %d GC cycles, want %v", s.name, got, cycles, s.want)
		}
		if s.reported != (s.want != runs) {
			t.Errorf("%s: reported = %v, but the cleanup %v", s.name, s.reported, s.want)
		}
	}
	t.Logf("accepted cleanups ran within %d GC cycles", cycles)
}
