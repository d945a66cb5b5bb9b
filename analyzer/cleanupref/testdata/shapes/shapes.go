// Package shapes holds cleanup registrations that the runtime test runs and
// that cleanupref analyzes: the evidence that what the analyzer reports
// keeps its object alive, and that what it accepts does not. It is
// deliberately full of the mistakes the analyzer reports, and lives under
// testdata so that linting the repository (weaklint ./...) leaves it out.
package shapes

import (
	"runtime"
	"sync/atomic"
	"unsafe"
	"weak"
)

// resource is big enough and holds a pointer, so that it is neither a
// zero-size nor a tiny allocation: cleanups on it are expected to run.
type resource struct {
	fd   int
	buf  [64]byte
	next *resource
}

func (r *resource) release(int) {}

// An Outcome is what becomes of a cleanup.
type Outcome int

const (
	Runs      Outcome = iota // the object is collected and the cleanup runs
	NeverRuns                // the object is kept alive: the cleanup never runs
	Panics                   // the runtime refuses the registration (Go 1.26 checks the simplest cases)
)

func (o Outcome) String() string { return [...]string{"runs", "never runs", "panics"}[o] }

// A Shape registers a cleanup that sets ran on a fresh object that nothing
// else keeps.
type Shape struct {
	Name     string
	Reported bool    // whether cleanupref reports it
	Want     Outcome // what the runtime does with it
	Register func(ran *atomic.Bool)
}

// Shapes lists the shapes the analyzer reports and the ones it accepts.
// Every reported shape must panic or never run; every accepted one must
// run. Each element is one shape: a test checks that cleanupref reports
// inside exactly the elements marked Reported.
var Shapes = []Shape{
	{"closure captures the object", true, Panics, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, func(int) { _ = r.fd; ran.Store(true) }, 0)
	}},
	{"closure captures a variable that held the object", true, NeverRuns, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		v := r
		// The closure assigns v, so it captures the variable by reference:
		// it holds &v, not r, and the runtime cannot see that v holds r.
		runtime.AddCleanup(r, func(int) { _ = v.fd; v = nil; ran.Store(true) }, 0)
	}},
	{"closure captures a struct holding the object", true, NeverRuns, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		h := &struct{ r *resource }{r}
		runtime.AddCleanup(r, func(int) { _ = h.r; ran.Store(true) }, 0)
	}},
	{"method value bound to the object", true, Panics, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, r.release, 0)
	}},
	{"argument is the object", true, Panics, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, func(*resource) { ran.Store(true) }, r)
	}},
	{"argument points into the object", true, Panics, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, func(buf *[64]byte) { ran.Store(true) }, &r.buf)
	}},
	{"argument slices the object", true, NeverRuns, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, func(buf []byte) { ran.Store(true) }, r.buf[:])
	}},
	{"argument holds the object", true, NeverRuns, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, func(all []*resource) { ran.Store(true) }, []*resource{r})
	}},
	{"finalizer captures the object", true, NeverRuns, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.SetFinalizer(r, func(*resource) { _ = r.fd; ran.Store(true) })
	}},
	{"field copied into the argument", false, Runs, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, func(fd int) { ran.Store(fd == 1) }, r.fd)
	}},
	{"closure captures another object", false, Runs, func(ran *atomic.Bool) {
		r, other := &resource{fd: 1}, &resource{fd: 2}
		runtime.AddCleanup(r, func(int) { _ = other.fd; ran.Store(true) }, 0)
	}},
	{"closure captures a variable cleared after registration", false, Runs, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		v := r
		runtime.AddCleanup(r, func(int) { _ = v; ran.Store(true) }, 0)
		v = nil // captured by reference: by the time the collector looks, v no longer holds r
	}},
	{"finalizer uses its parameter", false, Runs, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.SetFinalizer(r, func(r *resource) { ran.Store(r.fd == 1) })
	}},
	{"closure captures a registry holding the object", true, NeverRuns, func(ran *atomic.Bool) {
		reg := &registry{byFD: make(map[int]*resource)}
		r := &resource{fd: 1}
		reg.byFD[r.fd] = r
		runtime.AddCleanup(r, func(fd int) { delete(reg.byFD, fd); ran.Store(true) }, r.fd)
	}},
	{"closure captures a registry the object was removed from", false, Runs, func(ran *atomic.Bool) {
		reg := &registry{byFD: make(map[int]*resource)}
		r := &resource{fd: 1}
		reg.byFD[r.fd] = r
		delete(reg.byFD, r.fd)
		runtime.AddCleanup(r, func(fd int) { delete(reg.byFD, fd); ran.Store(true) }, r.fd)
	}},
	{"argument is a weak pointer to the object", false, Runs, func(ran *atomic.Bool) {
		r := &weakResource{fd: 1}
		r.self = weak.Make(r)
		runtime.AddCleanup(r, func(weak.Pointer[weakResource]) { ran.Store(true) }, r.self)
	}},
	{"argument is the object's address as a uintptr", false, Runs, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, func(uintptr) { ran.Store(true) }, uintptr(unsafe.Pointer(r)))
	}},
	{"closure built by a helper around the object", true, Panics, func(ran *atomic.Bool) {
		r := &resource{fd: 1}
		runtime.AddCleanup(r, closerOf(r, ran), 0)
	}},
}

// registry holds resources strongly.
type registry struct{ byFD map[int]*resource }

// weakResource knows itself weakly.
type weakResource struct {
	fd   int
	_    [64]byte // size: clear of the tiny allocator
	self weak.Pointer[weakResource]
}

// closerOf returns a cleanup that captures r.
func closerOf(r *resource, ran *atomic.Bool) func(int) {
	return func(int) { _ = r.fd; ran.Store(true) }
}
