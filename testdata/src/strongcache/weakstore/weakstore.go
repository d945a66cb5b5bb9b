// Package weakstore holds fixtures for rule 1: a weak referent also stored strongly.
package weakstore

import (
	"runtime"
	"sync"
	"unsafe"
	"weak"

	"github.com/weaklint/weaklint/runtimeweak"
)

type T struct{ name string }

type cache struct {
	mu      sync.Mutex
	byName  map[string]weak.Pointer[T]
	pinned  map[string]*T
	last    *T
	all     []*T
	wp      weak.Pointer[T]
	hot     *T
	entries map[string]*entry
	ch      chan *T
	tasks   chan func()
	sm      sync.Map
	recent  []*T
}

type entry struct {
	wp     weak.Pointer[T]
	strong *T
}

var (
	keep     []*T
	keepByID = map[int]*T{}
	lastSeen *T
)

// Positive: the pointer given to weak.Make is kept in another map of the same cache.
func (c *cache) put(k string, v *T) {
	c.byName[k] = weak.Make(v)
	c.pinned[k] = v // want `v is stored strongly in c.pinned\[k\], in the same c that holds its weak pointer`
}

// Positive: a field of the same cache.
func (c *cache) putLast(k string, v *T) {
	c.byName[k] = weak.Make(v)
	c.last = v // want `v is stored strongly in c.last, in the same c`
}

// Positive: appended to a slice of the same cache.
func (c *cache) putAll(k string, v *T) {
	c.byName[k] = weak.Make(v)
	c.all = append(c.all, v) // want `v is stored strongly in c.all`
}

// Positive: a package-level variable keeps it.
func register(c *cache, k string, v *T) {
	c.byName[k] = weak.Make(v)
	keep = append(keep, v) // want `v is held by a weak pointer and also stored strongly in keep, a package-level variable`
}

// Positive: the result of Value is stored in the same cache.
func (c *cache) get() *T {
	v := c.wp.Value()
	if v != nil {
		c.hot = v // want `v is stored strongly in c.hot, in the same c`
	}
	return v
}

// Positive: one entry holds both the weak pointer and the referent.
func (c *cache) putEntry(k string, v *T) {
	c.entries[k] = &entry{wp: weak.Make(v), strong: v} // want `v is stored strongly in c.entries\[k\]`
}

// Positive: built in a local, then stored in the cache.
func (c *cache) putEntryLocal(k string, v *T) {
	e := &entry{wp: weak.Make(v)}
	e.strong = v // want `v is stored strongly in e.strong, in the same e`
	c.entries[k] = e
}

// Negative: sent on a channel of the same cache, the value is handed over
// to whoever receives it (a worker, a loader), not kept by the cache.
func (c *cache) putSend(k string, v *T) {
	c.byName[k] = weak.Make(v)
	c.ch <- v
}

// Negative: likewise a task closure that captures it.
func (c *cache) putTask(k string, v *T) {
	c.byName[k] = weak.Make(v)
	c.tasks <- func() { _ = v.name }
}

// Positive: stored in a sync.Map of the same cache.
func (c *cache) putSync(k string, v *T) {
	c.byName[k] = weak.Make(v)
	c.sm.Store(k, v) // want `v is stored strongly in c.sm`
}

// Positive: the weak pointer is kept in a local first; the value goes to a global map.
func (c *cache) putVia(id int, v *T) {
	wp := weak.Make(v)
	c.wp = wp
	keepByID[id] = v // want `v is held by a weak pointer and also stored strongly in keepByID\[id\]`
}

// Positive: the value a runtimeweak.ValueMap returns is pinned globally.
func lookup(m *runtimeweak.ValueMap[string, T], k string) {
	v, ok := m.Load(k)
	if ok {
		lastSeen = v // want `v is held by a weak pointer and also stored strongly in lastSeen`
	}
}

// Negative: kept only in a local that dies with the call.
func (c *cache) putLocal(k string, v *T) *T {
	c.byName[k] = weak.Make(v)
	tmp := v
	return tmp
}

// Negative: returned to the caller.
func (c *cache) load(k string) *T {
	if v := c.byName[k].Value(); v != nil {
		return v
	}
	v := &T{name: k}
	c.byName[k] = weak.Make(v)
	return v
}

// Negative: only a field of the referent is copied.
func (c *cache) putName(k string, v *T) {
	c.byName[k] = weak.Make(v)
	c.last = &T{name: v.name}
}

// Negative: stored strongly in an object of the caller, not in the cache.
func (c *cache) attach(k string, v *T, owner *entry) {
	c.byName[k] = weak.Make(v)
	owner.strong = v
}

// Negative: a most-recently-used list that is trimmed keeps values only for a while.
func (c *cache) touch(k string) *T {
	v := c.byName[k].Value()
	if v == nil {
		return nil
	}
	c.recent = append(c.recent, v)
	if len(c.recent) > 8 {
		c.recent = c.recent[1:]
	}
	return v
}

// Negative: the weak pointer is of one object, the strong reference of another.
func (c *cache) pair(k string, v, w *T) {
	c.byName[k] = weak.Make(v)
	c.last = w
}

// Negative: a local struct that does not escape holds the value strongly.
func (c *cache) scratch(k string, v *T) string {
	c.byName[k] = weak.Make(v)
	e := entry{strong: v}
	return e.strong.name
}

// remove keeps the maps of these fixtures out of rule 2 (never pruned).
func (c *cache) remove(k string) {
	delete(c.byName, k)
	delete(c.entries, k)
}

// Positive: a sweep that pins every live referent in the same cache.
func (c *cache) pinLive() {
	for _, wp := range c.byName {
		if v := wp.Value(); v != nil {
			c.pinned[v.name] = v // want `v is stored strongly in c.pinned\[v.name\], in the same c`
		}
	}
}

// Negative: a sweep that collects live referents into a result for the caller.
func (c *cache) live() []*T {
	var out []*T
	for _, wp := range c.byName {
		if v := wp.Value(); v != nil {
			out = append(out, v)
		}
	}
	return out
}

// ring keeps its most recent values strongly on purpose, as runtimeweak.Cache
// does, and the rest weakly.
type ring struct {
	m      map[string]weak.Pointer[T]
	recent [4]*T
	slots  []*T
	both   []entry
	pos    int
}

// Negative: a slot of a fixed array is overwritten by the next store; at
// most len(recent) values are held strongly.
func (r *ring) put(k string, v *T) {
	r.m[k] = weak.Make(v)
	r.recent[r.pos] = v
	r.pos = (r.pos + 1) % len(r.recent)
}

// Negative: likewise for a slice made once with a fixed length.
func (r *ring) get(k string) *T {
	v := r.m[k].Value()
	if v != nil {
		r.slots[r.pos%len(r.slots)] = v
	}
	return v
}

// Positive: the slot holds the weak pointer and the referent in one entry.
func (r *ring) putBoth(v *T) {
	r.both[r.pos] = entry{wp: weak.Make(v), strong: v} // want `v is stored strongly in r.both\[r.pos\], in the same r`
}

func (r *ring) remove(k string) { delete(r.m, k) }

type hooked struct {
	m     map[string]weak.Pointer[T]
	hooks map[string]func() string
	fns   []func() string
}

func (t *T) Name() string { return t.name }

// Positive: a closure that captures the referent, kept in the same cache.
func (h *hooked) put(k string, v *T) {
	h.m[k] = weak.Make(v)
	h.hooks[k] = func() string { return v.name } // want `the closure stored in h.hooks\[k\] holds v, which is also held by a weak pointer.*runtimeweak.Method`
}

// Positive: a method value bound to the referent, kept in the same cache.
func (h *hooked) putMethod(k string, v *T) {
	h.m[k] = weak.Make(v)
	h.fns = append(h.fns, v.Name) // want `the method value stored in h.fns holds v`
}

// Negative: the closure captures only a copy of a field.
func (h *hooked) putName(k string, v *T) {
	h.m[k] = weak.Make(v)
	name := v.name
	h.hooks[k] = func() string { return name }
}

// Negative: a closure that captures the referent but is only called.
func (h *hooked) putCall(k string, v *T) string {
	h.m[k] = weak.Make(v)
	return func() string { return v.name }()
}

func (h *hooked) remove(k string) { delete(h.m, k) }

type keyed struct {
	m     map[string]weak.Pointer[T]
	seen  map[*T]bool
	names sync.Map
	sizes map[int]int
}

// Positive: the referent is a key of another map of the same cache.
func (c *keyed) put(k string, v *T) {
	c.m[k] = weak.Make(v)
	c.seen[v] = true // want `v is stored strongly in c.seen\[v\], in the same c`
}

// Positive: likewise as a sync.Map key.
func (c *keyed) putName(k string, v *T) {
	c.m[k] = weak.Make(v)
	c.names.Store(v, k) // want `v is stored strongly in c.names, in the same c`
}

// Negative: only a length derived from the referent is a key.
func (c *keyed) putSize(k string, v *T) {
	c.m[k] = weak.Make(v)
	c.sizes[len(v.name)]++
}

// Negative: reading with the referent as key stores nothing.
func (c *keyed) has(k string, v *T) bool {
	c.m[k] = weak.Make(v)
	return c.seen[v]
}

func (c *keyed) remove(k string) { delete(c.m, k) }

// Positive: a slab that grows with every value: its slots are never
// reused, so every referent stays.
type slab struct {
	m    map[string]weak.Pointer[T]
	objs []*T
}

func (s *slab) put(k string, v *T) {
	s.m[k] = weak.Make(v)
	s.objs = append(s.objs, nil)
	s.objs[len(s.objs)-1] = v // want `v is stored strongly in s.objs\[len\(s.objs\) - 1\], in the same s`
}

func (s *slab) remove(k string) { delete(s.m, k) }

// addrCache indexes entries by the key's address: a uintptr is a number,
// not a reference, so the key is not stored strongly (as in
// libopenapi's internal/weakcache).
type addrEntry struct{ key weak.Pointer[T] }

type addrCache struct{ entries sync.Map }

func (c *addrCache) Store(key *T) { // want Store:`keeps\(weak 0 in \[\-1\]\)`
	addr := uintptr(unsafe.Pointer(key))
	fresh := &addrEntry{key: weak.Make(key)}
	c.entries.Store(addr, fresh)
	runtime.AddCleanup(key, func(stale *addrEntry) { c.entries.CompareAndDelete(addr, stale) }, fresh)
}

// ptrCache keeps the key itself, converted to unsafe.Pointer: still a reference.
type ptrCache struct{ entries sync.Map } // want `entries of ptrCache.entries are never removed`

func (c *ptrCache) Store(key *T) { // want Store:`keeps\(weak 0 in \[\-1\]\)`
	c.entries.Store(unsafe.Pointer(key), weak.Make(key)) // want `key is stored strongly in c.entries`
}
