package runtimeweak

import (
	"runtime"
	"weak"
)

// WeakMethod is a method bound to a receiver that it holds weakly, like
// Python's weakref.WeakMethod: calling it calls the method while the receiver
// lives, and does nothing once the receiver has been collected. It holds the
// method itself strongly. Method makes them.
type WeakMethod[T, E any] struct {
	recv weak.Pointer[T]
	fn   func(*T, E)
}

// Method binds the method expression fn, such as (*T).OnEvent, to recv
// without keeping recv alive: m.Call(e) calls fn(recv, e) while recv lives.
// Subscribing recv.OnEvent itself would keep recv alive for as long as the
// subscription, which is the leak this avoids.
//
// fn must not reach recv: a closure that captures recv keeps it alive, just
// as the method value would. Method panics if recv or fn is nil. A receiver
// that the collector never reclaims on its own (zero-size, package-level, or
// tiny and pointer-free) never dies.
func Method[T, E any](recv *T, fn func(*T, E)) WeakMethod[T, E] {
	if recv == nil {
		panic("runtimeweak: Method with a nil receiver")
	}
	if fn == nil {
		panic("runtimeweak: Method with a nil function")
	}
	return WeakMethod[T, E]{recv: weak.Make(recv), fn: fn}
}

// Call calls the method with e if the receiver is alive, and reports whether
// it did. Calling a method whose receiver was collected is a no-op that
// returns false, as is calling the zero WeakMethod. The receiver is held
// strongly for the duration of the call.
func (m WeakMethod[T, E]) Call(e E) bool {
	recv := m.recv.Value()
	if recv == nil {
		return false
	}
	m.fn(recv, e)
	return true
}

// Alive reports whether the receiver has not been collected yet. The answer
// may be out of date as soon as it is returned; Call does not need it.
func (m WeakMethod[T, E]) Alive() bool { return m.recv.Value() != nil }

// attach registers done to be called after the receiver has been collected.
// ok is false if it already has been.
func (m WeakMethod[T, E]) attach(done func()) (c runtime.Cleanup, ok bool) {
	recv := m.recv.Value()
	if recv == nil {
		return c, false
	}
	c = runtime.AddCleanup(recv, func(done func()) { done() }, done)
	runtime.KeepAlive(recv) // until the cleanup is in place
	return c, true
}
