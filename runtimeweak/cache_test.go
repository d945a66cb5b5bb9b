package runtimeweak

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// fillCache stores values 0..n-1 that nothing but the cache references.
//
//go:noinline
func fillCache(c *Cache[int, payload], n int) {
	for i := range n {
		c.Store(i, newPayload(fmt.Sprint(i)))
	}
}

func TestCacheKeepsTheMostRecentValues(t *testing.T) {
	c := NewCache[int, payload](3)
	fillCache(c, 10)
	gcUntil(t, "values beyond the 3 most recent collected", func() bool { return c.Len() == 3 })
	gcSome()
	for i := range 10 {
		v, ok := c.Load(i)
		if want := i >= 7; ok != want || ok && v.name != fmt.Sprint(i) {
			t.Errorf("Load(%d) = %v, %v; want found = %v", i, v, ok, want)
		}
	}
	if s := c.Stats(); s.Strong != 3 || s.Collected != 7 {
		t.Errorf("Stats = %+v, want Strong 3, Collected 7", s)
	}
}

func TestCacheLoadMarksRecent(t *testing.T) {
	c := NewCache[int, payload](2)
	fillCache(c, 2) // 0, 1
	if _, ok := c.Load(0); !ok {
		t.Fatal("Load(0) missed")
	}
	fillCacheFrom(c, 2, 1) // 2 evicts 1, the least recently used
	gcUntil(t, "the evicted value collected", func() bool { return c.Len() == 2 })
	for k, want := range map[int]bool{0: true, 1: false, 2: true} {
		if _, ok := c.Load(k); ok != want {
			t.Errorf("Load(%d) found = %v, want %v", k, ok, want)
		}
	}
}

//go:noinline
func fillCacheFrom(c *Cache[int, payload], from, n int) {
	for i := from; i < from+n; i++ {
		c.Store(i, newPayload(fmt.Sprint(i)))
	}
}

// A value evicted from the strong set is still found while others hold it.
func TestCacheFindsEvictedValuesStillInUse(t *testing.T) {
	c := NewCache[string, payload](1)
	held := newPayload("held")
	c.Store("held", held)
	c.Store("other", newPayload("other")) // evicts held from the strong set
	gcSome()
	if v, ok := c.Load("held"); !ok || v != held {
		t.Errorf("Load(held) = %v, %v; want the value still in use", v, ok)
	}
	runtime.KeepAlive(held)
}

func TestCacheZeroSizeAndZeroValue(t *testing.T) {
	for name, c := range map[string]*Cache[int, payload]{"NewCache(0)": NewCache[int, payload](0), "zero": new(Cache[int, payload])} {
		fillCache(c, 5)
		gcUntil(t, name+": every value collected", func() bool { return c.Len() == 0 })
		if s := c.Stats(); s.Strong != 0 {
			t.Errorf("%s: Strong = %d, want 0", name, s.Strong)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("NewCache(-1) did not panic")
		}
	}()
	NewCache[int, payload](-1)
}

func TestCacheStoreReplacesAndDeletes(t *testing.T) {
	c := NewCache[string, payload](4)
	a, b := newPayload("a"), newPayload("b")
	c.Store("k", a)
	c.Store("k", b)
	if v, _ := c.Load("k"); v != b {
		t.Errorf("Load after replacing = %v, want b", v)
	}
	c.Store("k", nil)
	if _, ok := c.Load("k"); ok {
		t.Error("Store(k, nil) did not delete")
	}
	c.Store("k", a)
	c.Delete("k")
	if _, ok := c.Load("k"); ok || c.Stats().Strong != 0 {
		t.Errorf("after Delete: found, or Strong = %d", c.Stats().Strong)
	}
	if s := c.Stats(); s.Hits != 1 || s.Misses != 2 {
		t.Errorf("Hits, Misses = %d, %d; want 1, 2", s.Hits, s.Misses)
	}
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
}

func TestCacheLoadOrCreateOnce(t *testing.T) {
	c := NewCache[int, payload](16)
	const goroutines, keys = 8, 200
	var creates [keys]atomic.Int32
	held := make([][]*payload, goroutines) // so that no value can be collected
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for k := range keys {
				v := c.LoadOrCreate(k, func() *payload {
					creates[k].Add(1)
					return newPayload(fmt.Sprint(k))
				})
				if v.name != fmt.Sprint(k) {
					t.Errorf("LoadOrCreate(%d) = %q", k, v.name)
				}
				held[g] = append(held[g], v)
			}
		})
	}
	wg.Wait()
	for k := range keys {
		if n := creates[k].Load(); n != 1 {
			t.Errorf("key %d created %d times, want 1", k, n)
		}
	}
	if s := c.Stats(); s.Strong != 16 || s.Live != keys {
		t.Errorf("Stats = %+v, want Strong 16, Live %d", s, keys)
	}
	runtime.KeepAlive(held)
}

// A load racing with Delete must not leave the deleted value held strongly.
func TestCacheLoadRacingDeleteHoldsNothingStale(t *testing.T) {
	c := NewCache[int, payload](8)
	v := newPayload("v")
	c.Store(1, v)
	c.Delete(1)
	c.touch(1, v) // what a Load that read v before the Delete does last
	if s := c.Stats(); s.Strong != 0 {
		t.Errorf("Strong = %d after a stale touch, want 0", s.Strong)
	}
	c.Store(1, v)
	c.touch(1, newPayload("stale")) // a Load that read an older value
	if got := c.recent[1].v; got != v {
		t.Errorf("the strong set holds %q, want the stored value", got.name)
	}
}

func TestCacheConcurrentUse(t *testing.T) {
	const n = 8
	c := NewCache[int, payload](n)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 3000 {
				k := (g + i) % 32
				switch i % 4 {
				case 0:
					c.Store(k, newPayload(fmt.Sprint(k)))
				case 1:
					if v, ok := c.Load(k); ok && v.name != fmt.Sprint(k) {
						t.Errorf("Load(%d) = %q", k, v.name)
					}
				case 2:
					c.LoadOrCreate(k, func() *payload { return newPayload(fmt.Sprint(k)) })
				case 3:
					if i%40 == 3 {
						c.Delete(k)
						runtime.GC()
					}
				}
			}
		})
	}
	wg.Wait()
	// The strong set is a well-formed ring of at most n nodes, each holding
	// the value the map has for its key.
	c.mu.Lock()
	defer c.mu.Unlock()
	count := 0
	for e := c.head.next; e != &c.head; e = e.next {
		count++
		if c.recent[e.k] != e || e.next.prev != e {
			t.Fatalf("ring and index disagree at key %d", e.k)
		}
		if v, _ := c.values.Load(e.k); v != e.v {
			t.Errorf("key %d: strong set holds another value than the map", e.k)
		}
	}
	if count != len(c.recent) || count > n {
		t.Errorf("ring has %d nodes, index %d, limit %d", count, len(c.recent), n)
	}
}
