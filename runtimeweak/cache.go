package runtimeweak

import (
	"sync"
	"sync/atomic"
)

// Cache maps keys to values, keeping the n most recently used values alive
// and the others only weakly: a value that fell out of the recent set is
// still found for as long as something else in the program holds it, and is
// dropped once it is collected. It gives an LRU cache's hit rate on the hot
// set without ever duplicating a value that is still in use elsewhere.
//
// A Cache is safe for concurrent use. The zero Cache keeps no value strongly
// (a purely weak cache); use NewCache. It must not be copied after first use.
// Values are subject to the limits of ValueMap. Every hit takes the cache's
// lock to mark the value as recently used, as an LRU cache does; a ValueMap
// is cheaper when nothing needs to be held strongly.
type Cache[K comparable, V any] struct {
	values ValueMap[K, V]

	mu     sync.Mutex
	n      int
	recent map[K]*recentNode[K, V] // the strong set, at most n entries
	head   recentNode[K, V]        // sentinel of a ring, most recent first

	hits, misses atomic.Uint64
}

// recentNode is an element of the strong set: it holds v alive.
type recentNode[K comparable, V any] struct {
	k          K
	v          *V
	prev, next *recentNode[K, V]
}

// CacheStats are the counters of a Cache.
type CacheStats struct {
	Stats
	// Strong is the number of values held alive by the cache itself.
	Strong int
	// Hits and Misses count the Load and LoadOrCreate calls that found a
	// live value or did not.
	Hits, Misses uint64
}

// NewCache returns a cache that keeps the n most recently used values alive.
// It panics if n is negative.
func NewCache[K comparable, V any](n int) *Cache[K, V] {
	if n < 0 {
		panic("runtimeweak: NewCache with a negative size")
	}
	return &Cache[K, V]{n: n}
}

// Load returns the value for k if it is still alive, and marks it as
// recently used. ok is true if and only if v is non-nil.
func (c *Cache[K, V]) Load(k K) (v *V, ok bool) {
	v, ok = c.values.Load(k)
	if !ok {
		c.misses.Add(1)
		return nil, false
	}
	c.hits.Add(1)
	c.touch(k, v)
	return v, true
}

// Store maps k to v and marks it as recently used. Storing nil is the same
// as Delete(k).
func (c *Cache[K, V]) Store(k K, v *V) {
	if v == nil {
		c.Delete(k)
		return
	}
	// Under the lock, so that concurrent Stores leave the strong set
	// holding the value that the map holds.
	c.mu.Lock()
	defer c.mu.Unlock()
	c.values.Store(k, v)
	c.touchLocked(k, v, true)
}

// LoadOrCreate returns the live value for k, calling create to make it if
// there is none, and marks it as recently used. As with ValueMap.LoadOrCreate,
// concurrent callers share one call of create per key.
func (c *Cache[K, V]) LoadOrCreate(k K, create func() *V) *V {
	if v, ok := c.Load(k); ok {
		return v
	}
	v := c.values.LoadOrCreate(k, create)
	if v != nil {
		c.touch(k, v)
	}
	return v
}

// Delete removes k from the cache.
func (c *Cache[K, V]) Delete(k K) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.values.Delete(k)
	if e, ok := c.recent[k]; ok {
		c.unlink(e)
	}
}

// Len returns the number of entries, held strongly or weakly. Entries whose
// value was collected are counted until their cleanup removes them.
func (c *Cache[K, V]) Len() int { return c.values.Len() }

// Stats returns the cache's counters.
func (c *Cache[K, V]) Stats() CacheStats {
	c.mu.Lock()
	strong := len(c.recent)
	c.mu.Unlock()
	return CacheStats{
		Stats:  c.values.Stats(),
		Strong: strong,
		Hits:   c.hits.Load(),
		Misses: c.misses.Load(),
	}
}

// touch marks k, which a load found mapped to v, as recently used.
func (c *Cache[K, V]) touch(k K, v *V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.touchLocked(k, v, false)
}

// touchLocked moves k to the front of the strong set, adding it with v if
// absent. A store replaces the value held for k. A load keeps the held one,
// and adds v only if k still maps to it: a concurrent Store or Delete may
// have replaced or removed the value the load read, and holding that stale
// value strongly would keep it alive for nothing. Store and Delete change the
// map under c.mu, so whenever k is in the strong set it holds the map's value.
func (c *Cache[K, V]) touchLocked(k K, v *V, store bool) {
	if c.n == 0 {
		return
	}
	if e, ok := c.recent[k]; ok {
		if store {
			e.v = v
		}
		c.unlink(e)
		c.pushFront(e)
		return
	}
	if cur, _ := c.values.Load(k); !store && cur != v {
		return
	}
	if c.recent == nil {
		c.recent = make(map[K]*recentNode[K, V], c.n)
		c.head.prev, c.head.next = &c.head, &c.head
	}
	if len(c.recent) == c.n {
		c.unlink(c.head.prev) // the least recently used value becomes weak
	}
	c.pushFront(&recentNode[K, V]{k: k, v: v})
}

func (c *Cache[K, V]) pushFront(e *recentNode[K, V]) {
	e.prev, e.next = &c.head, c.head.next
	e.prev.next, e.next.prev = e, e
	c.recent[e.k] = e
}

func (c *Cache[K, V]) unlink(e *recentNode[K, V]) {
	e.prev.next, e.next.prev = e.next, e.prev
	e.prev, e.next = nil, nil
	delete(c.recent, e.k)
}
