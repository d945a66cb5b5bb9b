// Package bounded: a cache that keeps its hot values strongly in a bounded
// structure (an LRU list it evicts from, a ring, a shifted slice, a slot the
// next value overwrites) holds each value only until it is pushed out. A
// cleanup bound to the cache delays the value's collection, but does not
// prevent it. A structure the program never takes anything out of, or only
// in the cleanup itself, holds its values for good.
package bounded

import (
	"container/list"
	"runtime"
	"slices"
	"weak"
)

type Log struct {
	room string
	msgs []string
}

type dropKey struct {
	room string
	wp   weak.Pointer[Log]
}

// lru keeps at most max logs strongly, evicting from the back.
type lru struct {
	logs  map[string]weak.Pointer[Log]
	order *list.List
	elems map[string]*list.Element
	max   int
}

func (c *lru) drop(k dropKey) {
	if c.logs[k.room] == k.wp {
		delete(c.logs, k.room)
	}
}

// Quiet: touch evicts the oldest log once the list is over capacity.
func (c *lru) insert(room string, l *Log) {
	wp := weak.Make(l)
	c.logs[room] = wp
	runtime.AddCleanup(l, c.drop, dropKey{room, wp})
	c.touch(room, l)
}

func (c *lru) touch(room string, l *Log) {
	if e, ok := c.elems[room]; ok {
		e.Value = l
		c.order.MoveToFront(e)
		return
	}
	c.elems[room] = c.order.PushFront(l)
	for c.order.Len() > c.max {
		back := c.order.Back()
		old := back.Value.(*Log)
		c.order.Remove(back)
		delete(c.elems, old.room)
	}
}

// hoard pushes logs onto a list that only its cleanup removes from.
type hoard struct {
	order *list.List
	n     int
}

func (h *hoard) forget(e *list.Element) { h.order.Remove(e) }

func (h *hoard) Add(l *Log) {
	h.order.PushBack(l)
	runtime.AddCleanup(l, func(int) { h.n-- }, 0) // want `cleanup function captures h, which holds l, so l is never collected`
}

func (h *hoard) AddForget(l *Log) {
	e := h.order.PushBack(l)
	runtime.AddCleanup(l, h.forget, e) // want `cleanup function is a method value bound to h, which holds l` `cleanup argument e, which holds l`
}

// ring keeps the last len(recent) logs in a fixed array.
type ring struct {
	table  map[string]weak.Pointer[Log]
	recent [8]*Log
	next   int
	first  [1]*Log
}

func (r *ring) evict(room string) { delete(r.table, room) }

// Quiet: the next insertions overwrite the slot.
func (r *ring) Intern(l *Log) {
	r.table[l.room] = weak.Make(l)
	runtime.AddCleanup(l, r.evict, l.room)
	r.recent[r.next] = l
	r.next = (r.next + 1) % len(r.recent)
}

// A constant index is a single slot of the ring's own.
func (r *ring) Keep(l *Log) {
	r.first[0] = l
	runtime.AddCleanup(l, r.evict, l.room) // want `cleanup function is a method value bound to r, which holds l`
}

// recent keeps the last keep logs in a slice it shifts.
type recent struct {
	entries map[string]weak.Pointer[Log]
	pinned  []*Log
	keep    int
	all     []*Log
	idle    []*Log
}

// Quiet: pin shifts out the oldest once keep are pinned.
func (c *recent) Put(l *Log) {
	wp := weak.Make(l)
	c.entries[l.room] = wp
	c.pin(l)
	runtime.AddCleanup(l, func(room string) {
		if c.entries[room] == wp {
			delete(c.entries, room)
		}
	}, l.room)
}

func (c *recent) pin(l *Log) {
	if len(c.pinned) >= c.keep {
		copy(c.pinned, c.pinned[1:])
		c.pinned[len(c.pinned)-1] = l
		return
	}
	c.pinned = append(c.pinned, l)
}

// An append-only slice holds every log for good.
func (c *recent) Remember(l *Log) {
	c.all = append(c.all, l)
	runtime.AddCleanup(l, func(room string) { delete(c.entries, room) }, l.room) // want `cleanup function captures c, which holds l, so l is never collected and the cleanup never runs: nothing outside the cleanups takes l out of c.all: keep only a weak pointer to l there, or take it out when done with it`
}

// Quiet: Take pops idle logs.
func (c *recent) Release(l *Log) {
	c.idle = append(c.idle, l)
	runtime.AddCleanup(l, func(room string) { delete(c.entries, room) }, l.room)
}

func (c *recent) Take() *Log {
	if len(c.idle) == 0 {
		return nil
	}
	l := c.idle[len(c.idle)-1]
	c.idle = c.idle[:len(c.idle)-1]
	return l
}

// A slice that only the cleanup takes values out of.
type roster struct {
	members []*Log
}

func (r *roster) Join(l *Log) {
	r.members = append(r.members, l)
	runtime.AddCleanup(l, func(room string) { // want `cleanup function captures r, which holds l`
		r.members = slices.DeleteFunc(r.members, func(m *Log) bool { return m.room == room })
	}, l.room)
}

// statements indexes connections weakly and remembers the last one used.
type statements struct {
	byLog map[weak.Pointer[Log]]int
	last  *Log
	owner *Log
	tags  map[string][]*Log
}

func (s *statements) dropLog(wp weak.Pointer[Log]) { delete(s.byLog, wp) }

// Quiet: every Prepare overwrites s.last, and each log is indexed once.
func (s *statements) Prepare(l *Log) {
	wp := weak.Make(l)
	s.last = l
	if _, ok := s.byLog[wp]; !ok {
		s.byLog[wp] = 0
		runtime.AddCleanup(l, s.dropLog, wp)
	}
}

// A slot that nothing else indexes is the holder's own.
func (s *statements) Own(l *Log) {
	s.owner = l
	runtime.AddCleanup(l, s.dropLog, weak.Make(l)) // want `cleanup function is a method value bound to s, which holds l`
}

// A map of slices only ever appended to holds every log for good.
func (s *statements) Tag(tag string, l *Log) {
	wp := weak.Make(l)
	s.byLog[wp] = 0
	s.tags[tag] = append(s.tags[tag], l)
	runtime.AddCleanup(l, s.dropLog, wp) // want `cleanup function is a method value bound to s, which holds l, .*: nothing outside the cleanups takes l out of s.tags`
}

// A wrapper whose cleanup captures its receiver: its callers pass the
// receiver, which holds the log only in the bounded pinned slice.
type sprites struct {
	cache   *recent
	history []*Log
}

// Quiet: s.cache holds l only until pin shifts it out; s.history holds it
// for good, but the cleanup does not capture s.
func (s *sprites) Get(l *Log) {
	s.cache.Put(l)
	s.history = append(s.history, l)
}

// The wrapper's receiver holds the log for good.
func (s *sprites) Remember(l *Log) {
	s.cache.all = append(s.cache.all, l)
	s.cache.Put(l) // want `cleanup function registered by s.cache.Put captures s.cache, which holds l`
}

// A generic cache pins its last keep values in a slice it shifts.
type Cache[K comparable, V any] struct {
	entries map[K]weak.Pointer[V]
	recent  []*V
	every   []*V
	keep    int
}

// Quiet: pin shifts the oldest out.
func (c *Cache[K, V]) Put(k K, v *V) {
	wp := weak.Make(v)
	c.entries[k] = wp
	c.pin(v)
	runtime.AddCleanup(v, func(key K) {
		if c.entries[key] == wp {
			delete(c.entries, key)
		}
	}, k)
}

func (c *Cache[K, V]) pin(v *V) {
	if len(c.recent) >= c.keep {
		copy(c.recent, c.recent[1:])
		c.recent[len(c.recent)-1] = v
		return
	}
	c.recent = append(c.recent, v)
}

// every is never shifted.
func (c *Cache[K, V]) PutForever(k K, v *V) {
	c.every = append(c.every, v)
	runtime.AddCleanup(v, func(key K) { delete(c.entries, key) }, k) // want `cleanup function captures c, which holds v`
}

func useCache() {
	c := &Cache[string, Log]{entries: map[string]weak.Pointer[Log]{}, keep: 2}
	c.Put("a", &Log{})
	c.PutForever("b", &Log{})
}

// sliceRing keeps the last len(hot) logs in a slice made once with its
// length (adapted from adversarial round 10: i_sched cache.Cache.touchLocked).
type sliceRing struct {
	table map[string]weak.Pointer[Log]
	hot   []*Log
	next  int
	grows []*Log
	at    int
}

func newSliceRing(n int) *sliceRing {
	return &sliceRing{table: map[string]weak.Pointer[Log]{}, hot: make([]*Log, n), grows: make([]*Log, 0, n)}
}

func (r *sliceRing) evict(room string) { delete(r.table, room) }

// Quiet: the next insertions overwrite the slot.
func (r *sliceRing) Intern(l *Log) {
	r.table[l.room] = weak.Make(l)
	r.touch(l)
	runtime.AddCleanup(l, r.evict, l.room)
}

func (r *sliceRing) touch(l *Log) {
	r.hot[r.next] = l
	r.next = (r.next + 1) % len(r.hot)
}

// grows is appended to as well: no ring, whatever index the other store writes at.
func (r *sliceRing) Remember(l *Log) {
	r.table[l.room] = weak.Make(l)
	if r.at < len(r.grows) {
		r.grows[r.at] = l
		r.at++
	} else {
		r.grows = append(r.grows, l)
	}
	runtime.AddCleanup(l, r.evict, l.room) // want `cleanup function is a method value bound to r, which holds l`
}
