// Package lib hands referents to functions it is given: iterators that
// yield Value() unchecked or checked, and callbacks. (Adapted from
// adversarial round 3: b_db orm.IdentityMap.Entries and All.)
package lib

import (
	"iter"
	"weak"
)

type Row struct{ Lines []int }

type Map[T any] struct{ m map[int64]weak.Pointer[T] }

// Entries yields every tracked id with whatever is resident, possibly nil.
func (im *Map[T]) Entries() iter.Seq2[int64, *T] { // want Entries:"maybeNil\\(0:calls 0 with 1\\)"
	return func(yield func(int64, *T) bool) {
		for id, wp := range im.m {
			if !yield(id, wp.Value()) {
				return
			}
		}
	}
}

// All yields the resident rows only.
func (im *Map[T]) All() iter.Seq2[int64, *T] {
	return func(yield func(int64, *T) bool) {
		for id, wp := range im.m {
			v := wp.Value()
			if v == nil {
				continue
			}
			if !yield(id, v) {
				return
			}
		}
	}
}

// Values passes on another function's iterator.
func (im *Map[T]) Values() iter.Seq2[int64, *T] { return im.Entries() } // want Values:"maybeNil\\(0:calls 0 with 1\\)"

// Each calls f with every referent, resident or not.
func (im *Map[T]) Each(f func(*T)) { // want Each:"maybeNil\\(calls 1 with 0\\)"
	for _, wp := range im.m {
		f(wp.Value())
	}
}

// EachLive calls f with the resident ones.
func (im *Map[T]) EachLive(f func(*T)) {
	for _, wp := range im.m {
		if v := wp.Value(); v != nil {
			f(v)
		}
	}
}

// Refs yields the weak pointers themselves: nothing to check.
func (im *Map[T]) Refs() iter.Seq2[int64, weak.Pointer[T]] {
	return func(yield func(int64, weak.Pointer[T]) bool) {
		for id, wp := range im.m {
			if !yield(id, wp) {
				return
			}
		}
	}
}

// Keys ranges over Refs to yield Value() unchecked: its yield is called
// from its own range-over-func body. (Adapted from adversarial round 5:
// d_ctrl informer.Lister.Keys.)
func (im *Map[T]) Keys() iter.Seq2[int64, *T] { // want Keys:"maybeNil\\(0:calls 0 with 1\\)"
	return func(yield func(int64, *T) bool) {
		for id, wp := range im.Refs() {
			if !yield(id, wp.Value()) {
				return
			}
		}
	}
}

// LiveKeys does the same with a check before yielding.
func (im *Map[T]) LiveKeys() iter.Seq2[int64, *T] {
	return func(yield func(int64, *T) bool) {
		for id, wp := range im.Refs() {
			if v := wp.Value(); v != nil && !yield(id, v) {
				return
			}
		}
	}
}
