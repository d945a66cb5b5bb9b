package runtimeweak

import (
	"runtime"
	"sync"
	"weak"

	"github.com/weaklint/weaklint/runtimeweak/internal/cleanupcount"
)

// Finalizer calls fn(arg) once: when Call is called, when RunAtExit runs it
// (if it was marked with AtExit), or some time after its object has been
// collected, whichever comes first. It is Python's weakref.finalize built on
// runtime.AddCleanup, with the bookkeeping AddCleanup lacks: whether the call
// has happened, a way to run or cancel it early, and a shutdown list.
type Finalizer[T, A any] struct {
	obj weak.Pointer[T] // weak, so that Peek does not keep obj alive
	seq uint64          // creation order, for RunAtExit

	mu      sync.Mutex
	state   finalizerState
	fn      func(A)
	arg     A
	cleanup runtime.Cleanup
	atExit  bool
}

type finalizerState uint8

const (
	pending  finalizerState = iota // fn has not run and will run once
	called                         // fn has run or is running
	detached                       // Detach cancelled it
)

// NewFinalizer arranges for fn(arg) to be called once, after obj has been
// collected unless Call, Detach or RunAtExit settles it first.
//
// Neither fn nor arg may reach obj: a closure that captures obj, a method
// value bound to it, or an arg that points into it keeps obj alive forever,
// and fn never runs (weaklint's cleanupref check reports these). Pass what
// the cleanup needs, such as a file descriptor, as arg. NewFinalizer panics
// if obj or fn is nil, or if arg is obj itself, as runtime.AddCleanup does.
// The limits of runtime.AddCleanup apply: the collector may never run fn for
// zero-size objects, objects from package-level initializers, or tiny
// pointer-free objects (about 16 bytes or less). When the collector calls
// fn, it does so on the goroutine that runs cleanups: a slow fn should start
// a goroutine of its own.
func NewFinalizer[T, A any](obj *T, fn func(A), arg A) *Finalizer[T, A] {
	if obj == nil {
		panic("runtimeweak: NewFinalizer with a nil object")
	}
	if fn == nil {
		panic("runtimeweak: NewFinalizer with a nil function")
	}
	if p, ok := any(arg).(*T); ok && p == obj {
		panic("runtimeweak: NewFinalizer arg is the object itself, fn would never run")
	}
	f := &Finalizer[T, A]{obj: weak.Make(obj), seq: nextFinalizerSeq(), fn: fn, arg: arg}
	f.mu.Lock()
	f.cleanup = runtime.AddCleanup(obj, (*Finalizer[T, A]).collected, f)
	cleanupcount.Registered()
	f.mu.Unlock()
	runtime.KeepAlive(obj) // until the cleanup is in place
	return f
}

// collected is the cleanup: obj has been collected.
func (f *Finalizer[T, A]) collected() { f.settle(called, false) }

// settle moves a pending finalizer to state to and, for called, runs fn. It
// reports whether the finalizer was pending, and returns its argument. The
// state changes under the lock, so exactly one of Call, Detach, RunAtExit and
// the collector wins; fn runs outside the lock so that it may use f.
func (f *Finalizer[T, A]) settle(to finalizerState, stop bool) (arg A, ok bool) {
	f.mu.Lock()
	if f.state != pending {
		f.mu.Unlock()
		return arg, false
	}
	f.state = to
	cleanupcount.Settled()
	fn, arg := f.fn, f.arg
	var zero A
	f.fn, f.arg = nil, zero // release them as Python's finalize does
	if f.atExit {
		f.atExit = false
		exitList.remove(f) // under f.mu, so that AtExit cannot re-add f
	}
	f.mu.Unlock()

	if stop {
		f.cleanup.Stop() // if the cleanup is already queued, it will find f settled
	}
	if to == called {
		fn(arg)
	}
	return arg, true
}

// Alive reports whether fn has neither run nor been detached. It may still
// report true for a moment after obj has been collected, until the cleanup
// runs.
func (f *Finalizer[T, A]) Alive() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.state == pending
}

// Peek returns the object and the argument while the finalizer is alive and
// the object has not been collected; ok is true if and only if obj is
// non-nil. The finalizer holds obj weakly, so Peek never keeps it alive; the
// caller's own obj does, for as long as the caller keeps it.
func (f *Finalizer[T, A]) Peek() (obj *T, arg A, ok bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.state != pending {
		return nil, arg, false
	}
	if obj = f.obj.Value(); obj == nil {
		return nil, arg, false
	}
	return obj, f.arg, true
}

// Detach cancels the finalizer without calling fn and returns its argument;
// ok is false if fn had already run or the finalizer was already detached.
func (f *Finalizer[T, A]) Detach() (arg A, ok bool) { return f.settle(detached, true) }

// Call calls fn(arg) now if the finalizer is alive, and reports whether it
// did. After Call, the collector will not call fn again.
func (f *Finalizer[T, A]) Call() bool {
	_, ok := f.settle(called, true)
	return ok
}

// AtExit marks the finalizer to be called by RunAtExit if it is still alive
// then (on), or removes that mark. Unlike Python's finalize, the mark is off
// by default: Go has no exit hooks, and the program calls RunAtExit itself.
// The shutdown list holds the finalizer, fn and arg strongly, but not obj.
func (f *Finalizer[T, A]) AtExit(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.state != pending || f.atExit == on {
		return
	}
	// The list changes under f.mu (lock order: f.mu, then the list's), so
	// it always agrees with f.atExit.
	f.atExit = on
	if on {
		exitList.add(f, f.seq)
	} else {
		exitList.remove(f)
	}
}
