package runtimeweak

import (
	"fmt"
	"maps"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"weak"
)

func TestValueMapZeroValue(t *testing.T) {
	var m ValueMap[string, payload]
	if v, ok := m.Load("a"); ok || v != nil {
		t.Errorf("Load on zero map = %v, %v; want nil, false", v, ok)
	}
	m.Delete("a")
	m.Clear()
	if n := m.Len(); n != 0 {
		t.Errorf("Len = %d, want 0", n)
	}
	for k := range m.All() {
		t.Errorf("All yielded %q on a zero map", k)
	}
	if s := m.Stats(); s != (Stats{}) {
		t.Errorf("Stats = %+v, want zero", s)
	}
}

func TestValueMapStoreLoadDelete(t *testing.T) {
	var m ValueMap[string, payload]
	a, b := newPayload("a"), newPayload("b")
	m.Store("a", a)
	m.Store("b", b)
	if v, ok := m.Load("a"); !ok || v != a {
		t.Errorf("Load(a) = %v, %v; want a, true", v, ok)
	}
	m.Store("a", b) // replace
	if v, _ := m.Load("a"); v != b {
		t.Errorf("after replacing, Load(a) = %v, want b", v)
	}
	if n := m.Len(); n != 2 {
		t.Errorf("Len = %d, want 2", n)
	}
	got := maps.Collect(m.All())
	if len(got) != 2 || got["a"] != b || got["b"] != b {
		t.Errorf("All = %v, want a:b b:b", got)
	}
	m.Store("a", nil) // storing nil deletes
	if v, ok := m.Load("a"); ok || v != nil {
		t.Errorf("after Store(a, nil), Load(a) = %v, %v; want nil, false", v, ok)
	}
	m.Delete("b")
	m.Delete("b")
	if n := m.Len(); n != 0 {
		t.Errorf("Len after deleting everything = %d, want 0", n)
	}
	m.Store("c", a)
	m.Clear()
	if n := m.Len(); n != 0 {
		t.Errorf("Len after Clear = %d, want 0", n)
	}
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
}

// storeFresh stores n values that nothing else references.
//
//go:noinline
func storeFresh(m *ValueMap[int, payload], from, n int) {
	for i := from; i < from+n; i++ {
		m.Store(i, newPayload(fmt.Sprint(i))) //weaklint:ignore lifetime dead on arrival on purpose: the entries must go
	}
}

func TestValueMapEntriesVanishWithTheirValues(t *testing.T) {
	var m ValueMap[int, payload]
	const n = 100
	storeFresh(&m, 0, n)
	gcUntil(t, "every collected value's entry removed", func() bool { return m.Len() == 0 })
	for i := range n {
		if v, ok := m.Load(i); ok {
			t.Fatalf("Load(%d) = %v after its value was collected", i, v)
		}
	}
	if s := m.Stats(); s.Collected != n || s.Live != 0 {
		t.Errorf("Stats = %+v, want Live 0, Collected %d", s, n)
	}
}

func TestValueMapKeepsLiveValues(t *testing.T) {
	var m ValueMap[int, payload]
	const n = 100
	kept := make([]*payload, n)
	for i := range n {
		kept[i] = newPayload(fmt.Sprint(i))
		m.Store(i, kept[i])
	}
	storeFresh(&m, n, n)
	gcUntil(t, "the unreferenced half removed", func() bool { return m.Len() == n })
	gcSome()
	for i := range n {
		if v, ok := m.Load(i); !ok || v != kept[i] {
			t.Fatalf("Load(%d) = %v, %v; want the live value", i, v, ok)
		}
	}
	if got := len(maps.Collect(m.All())); got != n {
		t.Errorf("All yielded %d entries, want %d", got, n)
	}
	runtime.KeepAlive(kept)
}

// A cleanup for a collected value must not delete a newer entry under the
// same key, whether it runs before or after the new value is stored.
func TestValueMapOldCleanupSparesNewerEntry(t *testing.T) {
	var m ValueMap[int, payload]
	const n = 200
	storeFresh(&m, 0, n)
	runtime.GC() // the old values are unreachable: their cleanups are queued
	newer := make([]*payload, n)
	for i := range n {
		newer[i] = newPayload("new")
		m.Store(i, newer[i])
	}
	gcUntil(t, "every old value counted as collected", func() bool { return m.Stats().Collected == n })
	gcSome()
	for i := range n {
		if v, ok := m.Load(i); !ok || v != newer[i] {
			t.Fatalf("Load(%d) = %v, %v; want the newer value", i, v, ok)
		}
	}
	if s := m.Stats(); s.Live != n || s.Collected != n {
		t.Errorf("Stats = %+v, want Live %d, Collected %d", s, n, n)
	}
	runtime.KeepAlive(newer)
}

// The same property, deterministically: a stale cleanup runs while the key
// holds a newer entry.
func TestRemoveCollectedChecksTheEntry(t *testing.T) {
	var m ValueMap[string, payload]
	v1, v2 := newPayload("1"), newPayload("2")
	m.Store("k", v1)
	tab := m.tab.Load()
	stale, _ := tab.load("k")
	m.Store("k", v2)
	removeCollected(cleanupArg[string, weak.Pointer[payload]]{t: tab.self, k: "k", e: stale})
	if v, ok := m.Load("k"); !ok || v != v2 {
		t.Errorf("after a stale cleanup, Load = %v, %v; want v2, true", v, ok)
	}
	current, _ := tab.load("k")
	removeCollected(cleanupArg[string, weak.Pointer[payload]]{t: tab.self, k: "k", e: current})
	if _, ok := m.Load("k"); ok {
		t.Errorf("the current entry's cleanup did not remove it")
	}
	if s := m.Stats(); s.Live != 0 || s.Collected != 1 {
		t.Errorf("Stats = %+v, want Live 0, Collected 1", s)
	}
	runtime.KeepAlive(v1)
	runtime.KeepAlive(v2)
}

// A map the program dropped is not kept alive by its live values' cleanups.
func TestValueMapDroppedMapIsCollected(t *testing.T) {
	v := newPayload("long-lived")
	wm := func() weak.Pointer[table[int, weak.Pointer[payload]]] {
		m := new(ValueMap[int, payload])
		m.Store(1, v)
		return weak.Make(m.tab.Load())
	}()
	gcUntil(t, "the dropped map collected", func() bool { return wm.Value() == nil })
	runtime.KeepAlive(v)
	v = nil
	gcSome() // v's cleanup now finds no map: it must not crash
}

func TestValueMapLoadOrCreateOnce(t *testing.T) {
	var m ValueMap[int, payload]
	const goroutines, keys = 8, 500
	var creates [keys]atomic.Int32
	got := make([][]*payload, goroutines)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for g := range goroutines {
		got[g] = make([]*payload, keys)
		wg.Go(func() {
			<-start
			for k := range keys {
				got[g][k] = m.LoadOrCreate(k, func() *payload {
					creates[k].Add(1)
					runtime.Gosched() // widen the window for duplicates
					return newPayload(fmt.Sprint(k))
				})
			}
		})
	}
	close(start)
	wg.Wait()
	for k := range keys {
		if c := creates[k].Load(); c != 1 {
			t.Errorf("key %d created %d times, want 1", k, c)
		}
		for g := 1; g < goroutines; g++ {
			if got[g][k] != got[0][k] {
				t.Fatalf("key %d: goroutines %d and 0 got different values", k, g)
			}
		}
	}
	if n := m.Len(); n != keys {
		t.Errorf("Len = %d, want %d", n, keys)
	}
	runtime.KeepAlive(got)
}

func TestValueMapLoadOrCreateAfterCollection(t *testing.T) {
	var m ValueMap[string, payload]
	creates := 0
	create := func() *payload { creates++; return newPayload("x") }
	w := weak.Make(m.LoadOrCreate("k", create))
	gcUntil(t, "the first value's entry removed", func() bool { return m.Len() == 0 })
	if w.Value() != nil {
		t.Fatal("entry removed while its value is alive")
	}
	v := m.LoadOrCreate("k", create)
	if creates != 2 || v == nil {
		t.Errorf("creates = %d, v = %v; want a second creation", creates, v)
	}
	if again := m.LoadOrCreate("k", create); again != v || creates != 2 {
		t.Errorf("a third LoadOrCreate created again or returned another value")
	}
}

func TestValueMapLoadOrCreateNilAndPanic(t *testing.T) {
	var m ValueMap[string, payload]
	if v := m.LoadOrCreate("nil", func() *payload { return nil }); v != nil {
		t.Errorf("LoadOrCreate with a nil result = %v, want nil", v)
	}
	if n := m.Len(); n != 0 {
		t.Errorf("a nil result was stored: Len = %d", n)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic in create did not propagate")
			}
		}()
		m.LoadOrCreate("p", func() *payload { panic("boom") })
	}()
	v := m.LoadOrCreate("p", func() *payload { return newPayload("p") })
	if v == nil || v.name != "p" {
		t.Errorf("after a panicking create, LoadOrCreate = %v; want a fresh value", v)
	}
}

// A value stored concurrently with a creation wins over the created one.
func TestValueMapLoadOrCreateYieldsToStore(t *testing.T) {
	var m ValueMap[string, payload]
	stored := newPayload("stored")
	v := m.LoadOrCreate("k", func() *payload {
		m.Store("k", stored)
		return newPayload("created")
	})
	if v != stored {
		t.Errorf("LoadOrCreate = %v, want the concurrently stored value", v)
	}
	if got, _ := m.Load("k"); got != stored || m.Len() != 1 {
		t.Errorf("Load = %v, Len = %d; want the stored value alone", got, m.Len())
	}
}

// Concurrent use under the race detector, with the collector running.
func TestValueMapConcurrentUse(t *testing.T) {
	var m ValueMap[int, payload]
	const goroutines, ops, keys = 8, 2000, 64
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			var hold []*payload
			for i := range ops {
				k := (g*7 + i) % keys
				switch i % 5 {
				case 0:
					v := newPayload("s")
					hold = append(hold, v)
					m.Store(k, v)
				case 1:
					if v, ok := m.Load(k); ok && v.name == "" {
						t.Error("loaded a zeroed value")
					}
				case 2:
					m.Delete(k)
				case 3:
					m.LoadOrCreate(k, func() *payload { return newPayload("c") })
				case 4:
					for range m.All() {
					}
					if i%500 == 4 {
						runtime.GC()
					}
				}
				if len(hold) > 8 {
					hold = hold[1:]
				}
			}
		})
	}
	wg.Wait()
	gcUntil(t, "every entry whose value died removed", func() bool { return m.Len() == 0 })
}

// Storing the value a key already holds keeps its entry (and its cleanup)
// instead of registering another cleanup on the same object.
func TestValueMapStoreSameValueKeepsEntry(t *testing.T) {
	var m ValueMap[string, payload]
	v := newPayload("v")
	m.Store("k", v)
	before, _ := m.tab.Load().load("k")
	m.Store("k", v)
	if after, _ := m.tab.Load().load("k"); after != before {
		t.Error("storing the same value again replaced the entry")
	}
	m.Store("k", newPayload("other")) //weaklint:ignore lifetime only the replacement is under test, not the new value's life
	if after, _ := m.tab.Load().load("k"); after == before {
		t.Error("storing another value kept the old entry")
	}
	runtime.KeepAlive(v)
}
