package runtimeweak

import "iter"

// Set is a concurrent set of pointers held weakly, like Python's
// weakref.WeakSet: a member disappears by itself some time after it has been
// collected. Membership is by pointer identity. The zero Set is empty and
// ready to use; a Set must not be copied after first use. Members are subject
// to the same limits as KeyMap keys (no zero-size, package-level or tiny
// pointer-free objects).
type Set[T any] struct {
	m KeyMap[T, struct{}]
}

// Add adds p to the set. It panics if p is nil.
func (s *Set[T]) Add(p *T) {
	s.m.store(p, struct{}{}, true) // a member keeps its entry and cleanup
}

// Contains reports whether p is in the set.
func (s *Set[T]) Contains(p *T) bool {
	_, ok := s.m.Load(p)
	return ok
}

// Remove removes p from the set, if it is a member.
func (s *Set[T]) Remove(p *T) { s.m.Delete(p) }

// Clear removes every member.
func (s *Set[T]) Clear() { s.m.Clear() }

// Len returns the number of members. Members that were collected are counted
// until their cleanup removes them, shortly after a collection.
func (s *Set[T]) Len() int { return s.m.Len() }

// Stats returns the set's counters.
func (s *Set[T]) Stats() Stats { return s.m.Stats() }

// All yields the members that are alive, in no particular order. Each is held
// strongly while it is yielded.
func (s *Set[T]) All() iter.Seq[*T] {
	return func(yield func(*T) bool) {
		for p := range s.m.All() {
			if !yield(p) {
				return
			}
		}
	}
}
