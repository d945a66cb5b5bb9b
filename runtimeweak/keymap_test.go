package runtimeweak

import (
	"fmt"
	"maps"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"weak"
)

func TestKeyMapStoreLoadDelete(t *testing.T) {
	var m KeyMap[payload, string]
	a, b := newPayload("a"), newPayload("b")
	if _, ok := m.Load(a); ok {
		t.Error("Load on a zero map found a value")
	}
	m.Store(a, "A")
	m.Store(b, "B")
	m.Store(a, "A2")
	if v, ok := m.Load(a); !ok || v != "A2" {
		t.Errorf("Load(a) = %q, %v; want A2, true", v, ok)
	}
	if _, ok := m.Load(newPayload("a")); ok {
		t.Error("an equal but distinct key was found: keys must compare by identity")
	}
	if _, ok := m.Load(nil); ok {
		t.Error("Load(nil) found a value")
	}
	got := maps.Collect(m.All())
	if len(got) != 2 || got[a] != "A2" || got[b] != "B" {
		t.Errorf("All = %v, want a:A2 b:B", got)
	}
	m.Delete(a)
	m.Delete(nil)
	if _, ok := m.Load(a); ok || m.Len() != 1 {
		t.Errorf("after Delete(a): Load found it or Len = %d (want 1)", m.Len())
	}
	m.Clear()
	if m.Len() != 0 {
		t.Errorf("Len after Clear = %d", m.Len())
	}
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
}

func TestKeyMapStoreNilKeyPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Store(nil, ...) did not panic")
		}
	}()
	var m KeyMap[payload, int]
	m.Store(nil, 1)
}

// storeFreshKeys stores n entries whose keys nothing else references, with
// values that are themselves weakly watched through ws.
//
//go:noinline
func storeFreshKeys(m *KeyMap[payload, *payload], n int) []weak.Pointer[payload] {
	ws := make([]weak.Pointer[payload], n)
	for i := range n {
		v := newPayload(fmt.Sprint("value", i))
		ws[i] = weak.Make(v)
		m.Store(newPayload(fmt.Sprint(i)), v) //weaklint:ignore lifetime the key dies at once on purpose: its entry must go
	}
	return ws
}

func TestKeyMapEntriesVanishWithTheirKeys(t *testing.T) {
	var m KeyMap[payload, *payload]
	kept := newPayload("kept")
	m.Store(kept, newPayload("kept value"))
	const n = 100
	values := storeFreshKeys(&m, n)
	gcUntil(t, "entries of collected keys removed", func() bool { return m.Len() == 1 })
	// The map held the values only through entries now removed.
	gcUntil(t, "values of removed entries collected", func() bool {
		for _, w := range values {
			if w.Value() != nil {
				return false
			}
		}
		return true
	})
	if v, ok := m.Load(kept); !ok || v.name != "kept value" {
		t.Errorf("the live key's entry was lost: %v, %v", v, ok)
	}
	if s := m.Stats(); s.Collected != n || s.Live != 1 {
		t.Errorf("Stats = %+v, want Live 1, Collected %d", s, n)
	}
	runtime.KeepAlive(kept)
}

// Documented pitfall: a value that reaches its key pins it.
func TestKeyMapValueReachingKeyPinsIt(t *testing.T) {
	if strings.Contains(os.Getenv("GODEBUG"), "checkfinalizers=1") {
		t.Skip("GODEBUG=checkfinalizers=1 rightly stops the program on this deliberate leak")
	}
	var m KeyMap[payload, *payload]
	w := func() weak.Pointer[payload] {
		k := newPayload("k")
		m.Store(k, k) //weaklint:ignore cleanupref,strongcache the value is the key itself: the leak is under test
		return weak.Make(k)
	}()
	gcSome()
	if w.Value() == nil || m.Len() != 1 {
		t.Errorf("a key reachable from its value was collected; the documentation is wrong")
	}
	m.Clear() // releases it
	gcUntil(t, "the key collected once its entry is gone", func() bool { return w.Value() == nil })
}

func TestSet(t *testing.T) {
	var s Set[payload]
	a, b := newPayload("a"), newPayload("b")
	s.Add(a)
	s.Add(a)
	s.Add(b)
	if !s.Contains(a) || !s.Contains(b) || s.Contains(newPayload("a")) || s.Contains(nil) {
		t.Error("Contains disagrees with the members added")
	}
	if s.Len() != 2 {
		t.Errorf("Len = %d, want 2", s.Len())
	}
	members := map[*payload]bool{}
	for p := range s.All() {
		members[p] = true
	}
	if len(members) != 2 || !members[a] || !members[b] {
		t.Errorf("All = %v, want a and b", members)
	}
	s.Remove(a)
	if s.Contains(a) || s.Len() != 1 {
		t.Errorf("after Remove(a): Contains(a) = %v, Len = %d", s.Contains(a), s.Len())
	}
	func() {
		for range s.All() {
			return // stop early: yield must not be called again
		}
	}()
	s.Clear()
	if s.Len() != 0 {
		t.Errorf("Len after Clear = %d", s.Len())
	}
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
}

//go:noinline
func addFresh(s *Set[payload], n int) {
	for range n {
		s.Add(newPayload("fresh")) //weaklint:ignore lifetime dead on arrival on purpose: the member must go
	}
}

func TestSetMembersVanish(t *testing.T) {
	var s Set[payload]
	kept := newPayload("kept")
	s.Add(kept)
	addFresh(&s, 50)
	gcUntil(t, "collected members removed", func() bool { return s.Len() == 1 })
	if !s.Contains(kept) {
		t.Error("the live member was dropped")
	}
	if st := s.Stats(); st.Collected != 50 {
		t.Errorf("Collected = %d, want 50", st.Collected)
	}
	runtime.KeepAlive(kept)
}

func TestKeyMapConcurrentUse(t *testing.T) {
	var m KeyMap[payload, int]
	var s Set[payload]
	keys := make([]*payload, 32)
	for i := range keys {
		keys[i] = newPayload(fmt.Sprint(i))
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 2000 {
				k := keys[(g+i)%len(keys)]
				switch i % 4 {
				case 0:
					m.Store(k, i)
					s.Add(k)
				case 1:
					m.Load(k)
					s.Contains(k)
				case 2:
					m.Delete(k)
					s.Remove(k)
				case 3:
					m.Store(newPayload("fresh"), i) //weaklint:ignore lifetime dead on arrival on purpose: churn under the race detector
					for range m.All() {
						break
					}
				}
			}
		})
	}
	wg.Wait()
	gcUntil(t, "entries of fresh keys removed", func() bool {
		n := 0
		for k := range m.All() {
			if k.name == "fresh" {
				return false
			}
			n++
		}
		return m.Len() == n
	})
	runtime.KeepAlive(keys)
}
