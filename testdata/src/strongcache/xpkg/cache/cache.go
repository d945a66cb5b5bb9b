// Package cache is a weak cache whose getters other packages call: the
// referents fact tells strongcache, in those packages, which results are
// referents.
package cache

import (
	"runtime"
	"sync"
	"weak"
)

type T struct{ Name string }

type Cache struct {
	mu     sync.Mutex
	m      map[string]weak.Pointer[T]
	strong map[string]*T
}

func New() *Cache {
	return &Cache{m: map[string]weak.Pointer[T]{}, strong: map[string]*T{}}
}

// Get returns the referent unchecked: it may be nil, and it is the very
// object the weak pointer refers to.
func (c *Cache) Get(k string) *T {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k].Value()
}

// Lookup does the same behind an ok result.
func (c *Cache) Lookup(k string) (*T, bool) {
	v := c.Get(k)
	return v, v != nil
}

// Pinned returns a value the cache holds strongly: no weak pointer to
// defeat.
func (c *Cache) Pinned(k string) *T {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.strong[k]
}

func (c *Cache) Put(k string, v *T) { // want Put:`keeps\(weak 1 in \[\-1\]\)`
	wp := weak.Make(v)
	c.mu.Lock()
	c.m[k] = wp
	c.mu.Unlock()
	runtime.AddCleanup(v, func(k string) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.m[k] == wp {
			delete(c.m, k)
		}
	}, k)
}
