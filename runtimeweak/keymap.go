package runtimeweak

import (
	"iter"
	"runtime"
	"sync/atomic"
	"weak"
)

// KeyMap is a concurrent map keyed by pointer identity whose keys are held
// weakly, like Python's weakref.WeakKeyDictionary: an entry disappears by
// itself some time after its key has been collected. It attaches data to
// objects the program does not own, without keeping them alive. The zero
// KeyMap is empty and ready to use; a KeyMap must not be copied after first
// use.
//
// The value is held strongly and must not reach its key (directly or through
// other pointers): the map would then keep the key alive forever and the
// entry would never go (weaklint's strongcache check reports such maps).
// Keys must be heap objects the collector can reclaim on their own: not
// zero-size, not from package-level initializers, and not tiny pointer-free
// objects (about 16 bytes or less), which may share an allocation slot with
// other objects and live as long as they do.
//
// Every operation calls weak.Make on the key, which costs more than the map
// lookup itself: the runtime finds the key's weak handle by searching the
// list of cleanups and handles attached to the key's memory span.
type KeyMap[K any, V any] struct {
	tab atomic.Pointer[table[weak.Pointer[K], V]]
}

// keyDead reports whether a KeyMap entry's key was collected. A replaced
// entry's key is the live key being stored, so it never is.
func keyDead[V any](*entry[V]) bool { return false }

// Load returns the value stored for key k and whether there is one.
func (m *KeyMap[K, V]) Load(k *K) (V, bool) {
	var zero V
	t := m.tab.Load()
	if t == nil || k == nil {
		return zero, false
	}
	e, ok := t.load(weak.Make(k))
	if !ok {
		return zero, false
	}
	return e.val, true
}

// Store maps k to v, replacing any previous value. It panics if k is nil.
func (m *KeyMap[K, V]) Store(k *K, v V) { m.store(k, v, false) }

// store maps k to v; if absentOnly, it leaves an existing entry alone.
func (m *KeyMap[K, V]) store(k *K, v V, absentOnly bool) {
	if k == nil {
		panic("runtimeweak: KeyMap.Store with a nil key")
	}
	t := loadTable(&m.tab, true)
	wk := weak.Make(k) // costly (a search of the runtime's specials): once
	if absentOnly {
		if _, ok := t.load(wk); ok {
			return
		}
	}
	t.swap(wk, newEntry(t, wk, v, k), keyDead[V])
	runtime.KeepAlive(k) // until its cleanup is in place and the entry published
}

// Delete removes the entry for k, if any.
func (m *KeyMap[K, V]) Delete(k *K) {
	if t := m.tab.Load(); t != nil && k != nil {
		t.delete(weak.Make(k))
	}
}

// Clear removes every entry.
func (m *KeyMap[K, V]) Clear() {
	if t := m.tab.Load(); t != nil {
		t.clear()
	}
}

// Len returns the number of entries. Entries whose key was collected are
// counted until their cleanup removes them, shortly after a collection.
func (m *KeyMap[K, V]) Len() int { return m.tab.Load().stats().Live }

// Stats returns the map's counters.
func (m *KeyMap[K, V]) Stats() Stats { return m.tab.Load().stats() }

// All yields the entries whose key is alive, in no particular order. Each
// key is held strongly while it is yielded. As with sync.Map.Range, entries
// stored or deleted during the iteration may or may not be seen.
func (m *KeyMap[K, V]) All() iter.Seq2[*K, V] {
	return func(yield func(*K, V) bool) {
		t := m.tab.Load()
		if t == nil {
			return
		}
		t.all(func(wk weak.Pointer[K], e *entry[V]) bool {
			k := wk.Value()
			return k == nil || yield(k, e.val)
		})
	}
}
