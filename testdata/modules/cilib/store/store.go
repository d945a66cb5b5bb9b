// Package store is a dependency of ciapp in another module: Lookup returns a
// weak referent unchecked, which weaklint records as a fact for its callers.
package store

import (
	"runtime"
	"sync"
	"weak"
)

type User struct{ Name string }

type Store struct {
	mu sync.Mutex
	m  map[string]weak.Pointer[User]
}

func New() *Store { return &Store{m: make(map[string]weak.Pointer[User])} }

// Put keeps u weakly and prunes its entry when u is collected.
func (s *Store) Put(k string, u *User) {
	wp := weak.Make(u)
	s.mu.Lock()
	s.m[k] = wp
	s.mu.Unlock()
	runtime.AddCleanup(u, func(k string) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.m[k] == wp {
			delete(s.m, k)
		}
	}, k)
}

// Lookup may return nil: the user may have been collected.
func (s *Store) Lookup(k string) *User {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[k].Value()
}
