package runtimeweak

import (
	"errors"
	"runtime"
	"weak"

	"github.com/weaklint/weaklint/runtimeweak/internal/cleanupcount"
)

// ErrCollected is returned by Ref.Get once the referent has been collected,
// as Python raises ReferenceError for a dead proxy.
var ErrCollected = errors.New("runtimeweak: weakly referenced object was collected")

// Ref is a weak reference, like Python's weakref.ref: a weak.Pointer that can
// run a callback after its referent has been collected, and that can report a
// collected referent as an error. Refs are comparable: two Refs made from the
// same object are equal, even after it has been collected, so a Ref can be a
// map key that its callback deletes. The zero Ref refers to nothing.
type Ref[T any] struct {
	p weak.Pointer[T]
}

// MakeRef returns a weak reference to obj. If callback is not nil, it is
// called once, some time after obj has been collected, with the Ref (whose
// Value is then nil); it runs on the goroutine that runs cleanups, so a slow
// callback should start a goroutine of its own.
//
// The callback must not reach obj: a closure that captures obj, or anything
// that points to it, keeps obj alive forever and the callback never runs
// (weaklint's cleanupref check reports this). MakeRef(nil, nil) returns the
// zero Ref; a nil obj with a callback panics. The limits of weak pointers
// apply: zero-size objects, objects from package-level initializers and tiny
// pointer-free objects (about 16 bytes or less) may never be collected.
func MakeRef[T any](obj *T, callback func(Ref[T])) Ref[T] {
	r := Ref[T]{p: weak.Make(obj)}
	if callback == nil {
		return r
	}
	if obj == nil {
		panic("runtimeweak: MakeRef with a nil object and a callback, which could never run")
	}
	runtime.AddCleanup(obj, refCollected[T], refCallback[T]{r, callback})
	cleanupcount.Registered()
	return r
}

// refCallback is the cleanup's argument: the Ref (weak) and the callback,
// neither of which reaches the referent.
type refCallback[T any] struct {
	ref Ref[T]
	fn  func(Ref[T])
}

func refCollected[T any](c refCallback[T]) {
	cleanupcount.Settled()
	c.fn(c.ref)
}

// Value returns the referent, or nil if it has been collected (or r is the
// zero Ref). Check the result once and keep it: two calls may disagree.
func (r Ref[T]) Value() *T { return r.p.Value() }

// Get returns the referent, or ErrCollected if it has been collected (or r
// is the zero Ref), for code that prefers an error to a nil check. The
// pointer is non-nil if and only if err is nil.
func (r Ref[T]) Get() (*T, error) {
	if v := r.p.Value(); v != nil {
		return v, nil
	}
	return nil, ErrCollected
}

// Pointer returns the weak.Pointer underlying r.
func (r Ref[T]) Pointer() weak.Pointer[T] { return r.p }
