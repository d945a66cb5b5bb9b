package runtimeweak

import (
	"hash/maphash"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"
	"weak"
)

// table is the concurrent map shared by ValueMap and KeyMap: each entry carries
// a cleanup attached to the object whose death should remove it (the value of
// a ValueMap, the key of a KeyMap).
//
// It is a typed map split into shards, each behind its own RWMutex: reads of
// different shards touch different cache lines, and a typed map avoids the
// interface hashing that makes sync.Map's Load about twice as slow as a plain
// map's (see BenchmarkLoad).
//
// The table is allocated on first use and referenced from cleanups only
// through a weak pointer, so a map that the program drops is not kept alive by
// the cleanups of values that are still alive elsewhere.
type table[K comparable, E any] struct {
	self      weak.Pointer[table[K, E]]
	seed      maphash.Seed
	shards    []shard[K, E]
	live      atomic.Int64
	collected atomic.Uint64
}

type shard[K comparable, E any] struct {
	mu sync.RWMutex
	m  map[K]*entry[E]
	_  [cacheLine - unsafe.Sizeof(sync.RWMutex{}) - unsafe.Sizeof(uintptr(0))]byte
}

// cacheLine is the padding unit that keeps shards' locks apart.
const cacheLine = 64

// An entry is immutable once published; replacing a key installs a new entry,
// so a cleanup can tell whether the entry it was made for is still current.
type entry[E any] struct {
	val     E
	cleanup runtime.Cleanup
}

// cleanupArg is what a cleanup needs to remove its entry. It must not reach
// the object the cleanup is attached to, or that object would never die.
type cleanupArg[K comparable, E any] struct {
	t weak.Pointer[table[K, E]]
	k K
	e *entry[E]
}

// loadTable returns the table behind p, allocating it if create is set.
func loadTable[K comparable, E any](p *atomic.Pointer[table[K, E]], create bool) *table[K, E] {
	if t := p.Load(); t != nil || !create {
		return t
	}
	t := &table[K, E]{seed: maphash.MakeSeed(), shards: make([]shard[K, E], shardCount())}
	t.self = weak.Make(t)
	if p.CompareAndSwap(nil, t) {
		return t
	}
	return p.Load()
}

// shardCount returns a power of two of about four shards per processor, so
// that concurrent readers and writers rarely share a lock, without making
// small maps big.
func shardCount() int {
	n := 1
	for n < 4*runtime.GOMAXPROCS(0) && n < 64 {
		n *= 2
	}
	return n
}

func (t *table[K, E]) shard(k K) *shard[K, E] {
	return &t.shards[maphash.Comparable(t.seed, k)&uint64(len(t.shards)-1)]
}

// newEntry returns an entry for k holding val, whose cleanup removes it from
// t once obj is collected (unless it has been replaced or deleted by then).
func newEntry[K comparable, E, T any](t *table[K, E], k K, val E, obj *T) *entry[E] {
	e := &entry[E]{val: val}
	e.cleanup = runtime.AddCleanup(obj, removeCollected[K, E], cleanupArg[K, E]{t: t.self, k: k, e: e})
	return e
}

// removeCollected runs after an entry's object was collected. It deletes the
// key only if it still maps to the same entry: a newer entry stored under the
// same key must survive the death of the old value.
func removeCollected[K comparable, E any](a cleanupArg[K, E]) {
	t := a.t.Value()
	if t == nil {
		return // the map itself is gone
	}
	s := t.shard(a.k)
	s.mu.Lock()
	current := s.m[a.k] == a.e
	if current {
		delete(s.m, a.k)
	}
	s.mu.Unlock()
	if current {
		t.live.Add(-1)
		t.collected.Add(1)
	}
}

// load returns the entry for k, if any.
func (t *table[K, E]) load(k K) (*entry[E], bool) {
	s := t.shard(k)
	s.mu.RLock()
	e, ok := s.m[k]
	s.mu.RUnlock()
	return e, ok
}

// swap installs e under k and retires the entry it replaces. dead reports
// whether the replaced entry's object had already been collected, which
// counts as a collection (its cleanup will find itself replaced).
func (t *table[K, E]) swap(k K, e *entry[E], dead func(*entry[E]) bool) {
	s := t.shard(k)
	s.mu.Lock()
	prev, loaded := s.m[k]
	if s.m == nil {
		s.m = make(map[K]*entry[E])
	}
	s.m[k] = e
	s.mu.Unlock()
	if !loaded {
		t.live.Add(1)
		return
	}
	t.retire(prev, dead)
}

// storeUnless installs e under k unless keep approves the entry k holds,
// and reports whether it installed e. keep runs under the shard's lock.
func (t *table[K, E]) storeUnless(k K, e *entry[E], keep, dead func(*entry[E]) bool) bool {
	s := t.shard(k)
	s.mu.Lock()
	prev, loaded := s.m[k]
	if loaded && keep(prev) {
		s.mu.Unlock()
		return false
	}
	if s.m == nil {
		s.m = make(map[K]*entry[E])
	}
	s.m[k] = e
	s.mu.Unlock()
	if !loaded {
		t.live.Add(1)
	} else {
		t.retire(prev, dead)
	}
	return true
}

// retire cancels the cleanup of a replaced entry, so that storing many times
// under one key does not pile up cleanups on a long-lived object.
func (t *table[K, E]) retire(p *entry[E], dead func(*entry[E]) bool) {
	p.cleanup.Stop()
	if dead(p) {
		t.collected.Add(1)
	}
}

// delete removes k and cancels its entry's cleanup.
func (t *table[K, E]) delete(k K) {
	s := t.shard(k)
	s.mu.Lock()
	prev, loaded := s.m[k]
	delete(s.m, k)
	s.mu.Unlock()
	if loaded {
		t.live.Add(-1)
		prev.cleanup.Stop()
	}
}

// clear removes every entry.
func (t *table[K, E]) clear() {
	for i := range t.shards {
		s := &t.shards[i]
		s.mu.Lock()
		old := s.m
		s.m = nil
		s.mu.Unlock()
		for _, e := range old {
			t.live.Add(-1)
			e.cleanup.Stop()
		}
	}
}

// all yields a snapshot of each shard in turn, so that yield runs without a
// lock held and may use the map.
func (t *table[K, E]) all(yield func(K, *entry[E]) bool) {
	type kv struct {
		k K
		e *entry[E]
	}
	var buf []kv
	for i := range t.shards {
		s := &t.shards[i]
		s.mu.RLock()
		buf = buf[:0]
		for k, e := range s.m {
			buf = append(buf, kv{k, e})
		}
		s.mu.RUnlock()
		for _, p := range buf {
			if !yield(p.k, p.e) {
				return
			}
		}
	}
}

// stats reads the counters.
func (t *table[K, E]) stats() Stats {
	if t == nil {
		return Stats{}
	}
	return Stats{Live: int(max(t.live.Load(), 0)), Collected: t.collected.Load()}
}
