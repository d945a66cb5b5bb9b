// Package runtimeweak is a stand-in for github.com/weaklint/weaklint/runtimeweak
// in the analyzers' GOPATH-style fixtures: the same API (names, signatures,
// nil-ness of results) with trivial bodies. Keep it in step with ../../../../../../runtimeweak.
package runtimeweak

import (
	"errors"
	"iter"
	"weak"
)

// ValueMap is a map whose values are held weakly.
type ValueMap[K comparable, V any] struct{ m map[K]*V }

// Load returns the value for k; ok is false (and v nil) if there is none or it was collected.
func (m *ValueMap[K, V]) Load(k K) (v *V, ok bool) { v = m.m[k]; return v, v != nil }

// Store maps k to v.
func (m *ValueMap[K, V]) Store(k K, v *V) {}

// LoadOrCreate returns the live value for k, creating it with create at most once.
func (m *ValueMap[K, V]) LoadOrCreate(k K, create func() *V) *V { return create() }

// Delete removes k.
func (m *ValueMap[K, V]) Delete(k K) {}

// Len returns the number of live entries.
func (m *ValueMap[K, V]) Len() int { return 0 }

// All yields the live entries.
func (m *ValueMap[K, V]) All() iter.Seq2[K, *V] { return func(func(K, *V) bool) {} }

// KeyMap is a map keyed by pointer identity whose keys are held weakly.
type KeyMap[K any, V any] struct{}

// Load returns the value stored for key k.
func (m *KeyMap[K, V]) Load(k *K) (V, bool) { var v V; return v, false }

// Store maps k to v. v must not reach k.
func (m *KeyMap[K, V]) Store(k *K, v V) {}

// Delete removes k.
func (m *KeyMap[K, V]) Delete(k *K) {}

// Len returns the number of live entries.
func (m *KeyMap[K, V]) Len() int { return 0 }

// Set is a set of weakly held pointers.
type Set[T any] struct{}

// Add adds p.
func (s *Set[T]) Add(p *T) {}

// Contains reports whether p is in the set.
func (s *Set[T]) Contains(p *T) bool { return false }

// Remove removes p.
func (s *Set[T]) Remove(p *T) {}

// Len returns the number of live members.
func (s *Set[T]) Len() int { return 0 }

// All yields the live members.
func (s *Set[T]) All() iter.Seq[*T] { return func(func(*T) bool) {} }

// Finalizer runs fn(arg) once, after obj is collected or when Call is called.
type Finalizer[T, A any] struct{}

// NewFinalizer registers fn(arg) to run once after obj becomes unreachable.
// Neither fn nor arg may reach obj.
func NewFinalizer[T, A any](obj *T, fn func(A), arg A) *Finalizer[T, A] { return &Finalizer[T, A]{} }

// Alive reports whether the finalizer has not yet run or been detached.
func (f *Finalizer[T, A]) Alive() bool { return false }

// Peek returns the object and argument while the finalizer is alive.
func (f *Finalizer[T, A]) Peek() (obj *T, arg A, ok bool) { var a A; return nil, a, false }

// Detach cancels the finalizer and returns its argument.
func (f *Finalizer[T, A]) Detach() (arg A, ok bool) { var a A; return a, false }

// Call runs the finalizer now if it is alive; it reports whether it ran.
func (f *Finalizer[T, A]) Call() bool { return false }

// AtExit marks the finalizer to be run by RunAtExit if still alive.
func (f *Finalizer[T, A]) AtExit(on bool) {}

// RunAtExit calls every alive finalizer marked with AtExit(true).
func RunAtExit() {}

// Cache keeps the n most recently used values strongly and the rest weakly.
type Cache[K comparable, V any] struct{}

// NewCache returns a cache that holds up to n values strongly.
func NewCache[K comparable, V any](n int) *Cache[K, V] { return &Cache[K, V]{} }

// Load returns the value for k if it is still alive.
func (c *Cache[K, V]) Load(k K) (v *V, ok bool) { return nil, false }

// Store maps k to v and marks it recently used.
func (c *Cache[K, V]) Store(k K, v *V) {}

// LoadOrCreate returns the live value for k, creating it with create at most once.
func (c *Cache[K, V]) LoadOrCreate(k K, create func() *V) *V { return create() }

// Len returns the number of live entries.
func (c *Cache[K, V]) Len() int { return 0 }

// ErrCollected is returned by Ref.Get once the referent has been collected.
var ErrCollected = errors.New("runtimeweak: weakly referenced object was collected")

// Ref is a comparable weak reference.
type Ref[T any] struct{ p weak.Pointer[T] }

// MakeRef returns a weak reference to obj; callback, if not nil, runs once
// after obj is collected. callback must not reach obj.
func MakeRef[T any](obj *T, callback func(Ref[T])) Ref[T] { return Ref[T]{weak.Make(obj)} }

// Value returns the referent, or nil once it has been collected.
func (r Ref[T]) Value() *T { return r.p.Value() }

// Get returns the referent, or ErrCollected once it has been collected.
func (r Ref[T]) Get() (*T, error) {
	if v := r.p.Value(); v != nil {
		return v, nil
	}
	return nil, ErrCollected
}

// Pointer returns the weak.Pointer underlying r.
func (r Ref[T]) Pointer() weak.Pointer[T] { return r.p }

// WeakMethod is a method bound to a weakly held receiver.
type WeakMethod[T, E any] struct {
	recv weak.Pointer[T]
	fn   func(*T, E)
}

// Method binds the method expression fn to recv without keeping recv alive.
func Method[T, E any](recv *T, fn func(*T, E)) WeakMethod[T, E] {
	return WeakMethod[T, E]{weak.Make(recv), fn}
}

// Call calls the method if the receiver is alive and reports whether it did.
func (m WeakMethod[T, E]) Call(e E) bool { return false }

// Alive reports whether the receiver has not been collected.
func (m WeakMethod[T, E]) Alive() bool { return false }

// Callback is a function of E bound weakly to a receiver (made by Method).
type Callback[E any] interface {
	Call(e E) bool
	Alive() bool
}

// Listeners is an observer list holding its listeners' receivers weakly.
type Listeners[E any] struct{ list []Callback[E] }

// Add subscribes cb and returns a function that unsubscribes it.
func (l *Listeners[E]) Add(cb Callback[E]) (remove func()) { return func() {} }

// Emit calls the live listeners with e and returns how many it called.
func (l *Listeners[E]) Emit(e E) int { return 0 }

// Len returns the number of listeners.
func (l *Listeners[E]) Len() int { return 0 }
