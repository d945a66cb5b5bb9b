package weakmap

import (
	"runtime"
	"sync"
	"unique"
	"weak"
)

// A cleanup built by a method of the cache, which returns the closure
// that prunes (claircore's fileCache.cleanupFunc): the returned literal is
// the cleanup, and its delete counts.

type pathSet struct{ paths map[string]struct{} }

// Quiet: the returned closure deletes the entry only if it still holds the
// same weak pointer (CompareAndDelete).
type fileCache struct {
	m sync.Map
}

func (c *fileCache) cleanupFunc(wp weak.Pointer[pathSet]) func(unique.Handle[string]) {
	return func(key unique.Handle[string]) {
		c.m.CompareAndDelete(key, wp)
	}
}

func (c *fileCache) Get(name string) *pathSet { // want Get:`keeps\(yields \[0\]\)`
	key := unique.Make(name)
	if v, ok := c.m.Load(key); ok {
		if s := v.(weak.Pointer[pathSet]).Value(); s != nil {
			return s
		}
	}
	set := &pathSet{paths: map[string]struct{}{}}
	wp := weak.Make(set)
	runtime.AddCleanup(set, c.cleanupFunc(wp), key)
	c.m.Store(key, wp)
	return set
}

// Positive: the returned closure deletes whatever the key holds by then,
// a newer value included.
type dirCache struct {
	mu sync.Mutex
	m  map[string]weak.Pointer[pathSet]
}

func (c *dirCache) pruner() func(string) {
	return func(key string) {
		c.mu.Lock()
		defer c.mu.Unlock()
		delete(c.m, key) // want `cleanup deletes the entry of dirCache.m unconditionally`
	}
}

func (c *dirCache) Put(key string, s *pathSet) { // want Put:`keeps\(weak 1 in \[\-1\]\)`
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = weak.Make(s)
	runtime.AddCleanup(s, c.pruner(), key)
}

// Positive: the builder returns a closure that removes nothing; the map is
// pruned only by an explicit call.
type tagCache struct {
	mu sync.Mutex
	m  map[string]weak.Pointer[pathSet] // want `a cleanup is registered on each pathSet but does not remove its entry from tagCache.m`
}

func (c *tagCache) logger() func(string) {
	return func(key string) { println("collected", key) }
}

func (c *tagCache) Put(key string, s *pathSet) { // want Put:`keeps\(weak 1 in \[\-1\]\)`
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = weak.Make(s)
	runtime.AddCleanup(s, c.logger(), key)
}

func (c *tagCache) Remove(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, key)
}
