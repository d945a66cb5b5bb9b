package runtimeweak

import (
	"runtime"
	"sync"
	"sync/atomic"
	"weak"
)

// table is the concurrent map shared by ValueMap and KeyMap: each entry carries
// a cleanup attached to the object whose death should remove it (the value of
// a ValueMap, the key of a KeyMap).
//
// It is a sync.Map, whose reads write no shared memory. A typed map split
// into shards behind RWMutexes was tried: 5-10% cheaper on one goroutine, but
// readers of one hot shard contend on its reader count, costing up to three
// times the CPU per Load on two cores (BenchmarkLoad/ValueMap/parallel).
//
// The table is allocated on first use and referenced from cleanups only
// through a weak pointer, so a map that the program drops is not kept alive by
// the cleanups of values that are still alive elsewhere.
type table[K comparable, E any] struct {
	self      weak.Pointer[table[K, E]]
	m         sync.Map // K -> *entry[E]
	live      atomic.Int64
	collected atomic.Uint64
}

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
	t := new(table[K, E])
	t.self = weak.Make(t)
	if p.CompareAndSwap(nil, t) {
		return t
	}
	return p.Load()
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
	if t.m.CompareAndDelete(a.k, a.e) {
		t.live.Add(-1)
		t.collected.Add(1)
	}
}

// load returns the entry for k, if any.
func (t *table[K, E]) load(k K) (*entry[E], bool) {
	x, ok := t.m.Load(k)
	if !ok {
		return nil, false
	}
	return x.(*entry[E]), true
}

// swap installs e under k and retires the entry it replaces. dead reports
// whether the replaced entry's object had already been collected, which
// counts as a collection (its cleanup will find itself replaced).
func (t *table[K, E]) swap(k K, e *entry[E], dead func(*entry[E]) bool) {
	prev, loaded := t.m.Swap(k, e)
	if !loaded {
		t.live.Add(1)
		return
	}
	t.retire(prev.(*entry[E]), dead)
}

// storeUnless installs e under k unless keep approves the entry k holds,
// and reports whether it installed e.
func (t *table[K, E]) storeUnless(k K, e *entry[E], keep, dead func(*entry[E]) bool) bool {
	for {
		prev, loaded := t.m.LoadOrStore(k, e)
		if !loaded {
			t.live.Add(1)
			return true
		}
		p := prev.(*entry[E])
		if keep(p) {
			return false
		}
		if t.m.CompareAndSwap(k, p, e) {
			t.retire(p, dead)
			return true
		}
	}
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
	prev, loaded := t.m.LoadAndDelete(k)
	if !loaded {
		return
	}
	t.live.Add(-1)
	prev.(*entry[E]).cleanup.Stop()
}

// clear removes every entry.
func (t *table[K, E]) clear() {
	t.m.Range(func(k, _ any) bool {
		t.delete(k.(K))
		return true
	})
}

// all yields every entry. As with sync.Map.Range, yield may use the map,
// and entries stored or deleted meanwhile may or may not be seen.
func (t *table[K, E]) all(yield func(K, *entry[E]) bool) {
	t.m.Range(func(k, e any) bool { return yield(k.(K), e.(*entry[E])) })
}

// stats reads the counters.
func (t *table[K, E]) stats() Stats {
	if t == nil {
		return Stats{}
	}
	return Stats{Live: int(max(t.live.Load(), 0)), Collected: t.collected.Load()}
}
