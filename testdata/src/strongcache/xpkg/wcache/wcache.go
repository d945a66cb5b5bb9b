// Package wcache is a generic weak cache whose Put and Get other packages
// call: strongcache.Facts tells them that Put keeps a weak pointer to its
// value in the receiver and that Get hands out referents.
package wcache

import (
	"runtime"
	"sync"
	"weak"
)

type Cache[K comparable, V any] struct {
	mu      sync.Mutex
	entries map[K]weak.Pointer[V]
}

func New[K comparable, V any]() *Cache[K, V] {
	return &Cache[K, V]{entries: map[K]weak.Pointer[V]{}}
}

// Put stores v weakly under k.
func (c *Cache[K, V]) Put(k K, v *V) { // want Put:`keeps\(weak 1 in \[-1\]\)`
	wp := weak.Make(v)
	c.mu.Lock()
	c.entries[k] = wp
	c.mu.Unlock()
	runtime.AddCleanup(v, func(k K) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.entries[k] == wp {
			delete(c.entries, k)
		}
	}, k)
}

// Get returns the live value for k; ok only when it is non-nil.
func (c *Cache[K, V]) Get(k K) (*V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.entries[k].Value()
	return v, v != nil
}

// Find is Get with an error, checked: no unchecked referent escapes.
func (c *Cache[K, V]) Find(k K) (*V, error) {
	if v, ok := c.Get(k); ok {
		return v, nil
	}
	return nil, errGone
}

// GetOrCreate returns the live value for k or makes one: never nil.
func (c *Cache[K, V]) GetOrCreate(k K, mk func() *V) *V { // want GetOrCreate:`keeps\(yields \[0\]\)`
	if v, ok := c.Get(k); ok {
		return v
	}
	v := mk()
	c.Put(k, v)
	return v
}

type goneError struct{}

func (goneError) Error() string { return "gone" }

var errGone error = goneError{}

// Register keeps v weakly in a package-level registry.
func Register[V any](name string, v *V) { // want Register:`keeps\(weak 1 in \[\] global\)`
	registry.Store(name, weak.Make(v))
}

var registry sync.Map

func Unregister(name string) { registry.Delete(name) }
