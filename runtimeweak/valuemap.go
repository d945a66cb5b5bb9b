package runtimeweak

import (
	"iter"
	"runtime"
	"sync/atomic"
	"weak"
)

// ValueMap is a concurrent map whose values are held weakly, like Python's
// weakref.WeakValueDictionary: an entry disappears by itself some time after
// its value has been collected. The zero ValueMap is empty and ready to use; a
// ValueMap must not be copied after first use.
//
// Values must be heap objects that the collector can reclaim on their own:
// not zero-size, not allocated by package-level initializers, and not tiny
// pointer-free objects (about 16 bytes or less, which share an allocation
// slot with their neighbours and may stay alive as long as those do).
// A key must not reach its value, or the value is never collected.
type ValueMap[K comparable, V any] struct {
	tab     atomic.Pointer[table[K, weak.Pointer[V]]]
	flights flightGroup[K, V]
}

// valueDead reports whether the value of a ValueMap entry was collected.
func valueDead[V any](e *entry[weak.Pointer[V]]) bool { return e.val.Value() == nil }

// Load returns the value stored for k. ok is true if and only if v is
// non-nil: false when there is no entry or when its value was collected.
func (m *ValueMap[K, V]) Load(k K) (v *V, ok bool) {
	t := m.tab.Load()
	if t == nil {
		return nil, false
	}
	x, ok := t.m.Load(k) // not t.load: one call less on the hottest path
	if !ok {
		return nil, false
	}
	v = x.(*entry[weak.Pointer[V]]).val.Value()
	return v, v != nil
}

// Store maps k to v, replacing any previous value. Storing nil is the same
// as Delete(k): a nil value could never be loaded anyway.
func (m *ValueMap[K, V]) Store(k K, v *V) {
	if v == nil {
		m.Delete(k)
		return
	}
	t := loadTable(&m.tab, true)
	if e, ok := t.load(k); ok && e.val.Value() == v {
		// Already stored: keep the entry and its cleanup. (Comparing
		// Value is much cheaper than weak.Make, which searches the
		// runtime's list of the specials attached to v's memory span.)
		return
	}
	t.swap(k, newEntry(t, k, weak.Make(v), v), valueDead[V])
	runtime.KeepAlive(v) // until its cleanup is in place and the entry published
}

// LoadOrCreate returns the live value for k; if there is none it calls
// create, stores the result and returns it. Concurrent callers that miss on
// the same key wait for a single call of create and all return its result,
// so create runs at most once per key while its value lives. If create
// returns nil, nothing is stored and nil is returned; if it panics, the panic
// propagates and one of the waiting callers calls create in turn.
//
// create must not call LoadOrCreate on m with the same key: it would wait
// for itself.
func (m *ValueMap[K, V]) LoadOrCreate(k K, create func() *V) *V {
	if v, ok := m.Load(k); ok {
		return v
	}
	return m.flights.do(k, m.Load, func() *V { return m.storeCreated(k, create()) })
}

// storeCreated stores v under k unless a live value got there first (a
// concurrent Store), in which case that value wins and v is dropped.
func (m *ValueMap[K, V]) storeCreated(k K, v *V) *V {
	if v == nil {
		return nil
	}
	t := loadTable(&m.tab, true)
	e := newEntry(t, k, weak.Make(v), v)
	var old *V
	alive := func(p *entry[weak.Pointer[V]]) bool { old = p.val.Value(); return old != nil }
	stored := t.storeUnless(k, e, alive, valueDead[V])
	if !stored {
		e.cleanup.Stop()
	}
	runtime.KeepAlive(v) // reachable across AddCleanup and Stop, as they require
	if !stored {
		return old
	}
	return v
}

// Delete removes the entry for k, if any.
func (m *ValueMap[K, V]) Delete(k K) {
	if t := m.tab.Load(); t != nil {
		t.delete(k)
	}
}

// Clear removes every entry.
func (m *ValueMap[K, V]) Clear() {
	if t := m.tab.Load(); t != nil {
		t.clear()
	}
}

// Len returns the number of entries. Entries whose value was collected are
// counted until their cleanup removes them, shortly after a collection.
func (m *ValueMap[K, V]) Len() int { return m.tab.Load().stats().Live }

// Stats returns the map's counters.
func (m *ValueMap[K, V]) Stats() Stats { return m.tab.Load().stats() }

// All yields the entries whose value is alive, in no particular order. Each
// value is held strongly while it is yielded. As with sync.Map.Range, entries
// stored or deleted during the iteration may or may not be seen.
func (m *ValueMap[K, V]) All() iter.Seq2[K, *V] {
	return func(yield func(K, *V) bool) {
		t := m.tab.Load()
		if t == nil {
			return
		}
		t.all(func(k K, e *entry[weak.Pointer[V]]) bool {
			v := e.val.Value()
			return v == nil || yield(k, v)
		})
	}
}
