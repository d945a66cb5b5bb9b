// Package prune holds pruning that prunes and pruning that does not: a
// delete, clear or reset counts only where it can run again and again.
package prune

import (
	"crypto/sha256"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
	"weak"

	"strongcache/prune/lazy"
)

type T struct{ name string }

// Positive: the map is made once behind sync.Once; nothing removes entries.
type fonts struct {
	once  sync.Once
	cache map[string]weak.Pointer[T] // want `entries of fonts.cache are never removed`
}

func (f *fonts) Load(name string) *T { // want Load:`keeps\(yields \[0\]\)`
	f.once.Do(func() { f.cache = map[string]weak.Pointer[T]{} })
	if v := f.cache[name].Value(); v != nil {
		return v
	}
	v := &T{name: name}
	f.cache[name] = weak.Make(v)
	return v
}

// Positive: a reset behind a one-time flag initializes.
type flagged struct {
	inited bool
	docs   map[string]weak.Pointer[T] // want `entries of flagged.docs are never removed`
}

func (x *flagged) Add(k string, d *T) { // want Add:`keeps\(weak 1 in \[\-1\]\)`
	if !x.inited {
		x.docs = make(map[string]weak.Pointer[T])
		x.inited = true
	}
	x.docs[k] = weak.Make(d)
}

// Positive: made in init.
var plugins map[string]weak.Pointer[T] // want `entries of plugins are never removed`

func init() { plugins = make(map[string]weak.Pointer[T]) }

func Register(name string, p *T) { plugins[name] = weak.Make(p) } // want Register:`keeps\(weak 1 in \[\] global\)`

// Positive: the sweep is unexported and nothing calls it.
type atlas struct {
	images map[string]weak.Pointer[T] // want `entries of atlas.images are never removed`
}

func (a *atlas) Add(k string, img *T) { a.images[k] = weak.Make(img) } // want Add:`keeps\(weak 1 in \[\-1\]\)`

func (a *atlas) sweep() {
	for k, wp := range a.images {
		if wp.Value() == nil {
			delete(a.images, k)
		}
	}
}

// Negative: the same sweep, run by a ticker the constructor starts.
type tickedAtlas struct {
	mu     sync.Mutex
	images map[string]weak.Pointer[T]
}

func NewTickedAtlas() *tickedAtlas {
	a := &tickedAtlas{images: map[string]weak.Pointer[T]{}}
	go func() {
		for range time.Tick(time.Minute) {
			a.sweep()
		}
	}()
	return a
}

func (a *tickedAtlas) Add(k string, img *T) { // want Add:`keeps\(weak 1 in \[\-1\]\)`
	a.mu.Lock()
	defer a.mu.Unlock()
	a.images[k] = weak.Make(img)
}

func (a *tickedAtlas) sweep() {
	a.mu.Lock()
	defer a.mu.Unlock()
	for k, wp := range a.images {
		if wp.Value() == nil {
			delete(a.images, k)
		}
	}
}

// Positive: a version is never looked up again once dropped, so deleting
// dead entries on lookup leaves the rest.
type versions struct {
	version uint64
	snaps   map[uint64]weak.Pointer[T] // want `entries of versions.snaps are never removed`
}

func (s *versions) Save(v *T) uint64 { // want Save:`keeps\(weak 0 in \[\-1\]\)`
	s.version++
	ver := s.version
	s.snaps[ver] = weak.Make(v)
	return ver
}

func (s *versions) Load(ver uint64) *T {
	wp, ok := s.snaps[ver]
	if !ok {
		return nil
	}
	v := wp.Value()
	if v == nil {
		delete(s.snaps, ver)
	}
	return v
}

// Positive: content hashes, likewise.
var blobs = map[[32]byte]weak.Pointer[T]{} // want `entries of blobs are never removed`

func PutBlob(b []byte, v *T) [32]byte { // want PutBlob:`keeps\(weak 1 in \[\] global\)`
	h := sha256.Sum256(b)
	blobs[h] = weak.Make(v)
	return h
}

func GetBlob(h [32]byte) *T {
	if wp, ok := blobs[h]; ok {
		if v := wp.Value(); v != nil {
			return v
		}
		delete(blobs, h)
	}
	return nil
}

// Negative: names are looked up again and again (an interner), so the
// delete on lookup does drop dead entries.
var syms = map[string]weak.Pointer[T]{}

func Intern(name string) *T { // want Intern:`keeps\(yields \[0\]\)`
	if wp, ok := syms[name]; ok {
		if s := wp.Value(); s != nil {
			return s
		}
		delete(syms, name)
	}
	s := &T{name: name}
	syms[name] = weak.Make(s)
	return s
}

// Positive: a lazy-initialization helper of another package takes the
// map's address; reading the map through another one removes nothing.
type dispatcher struct {
	byHash map[[20]byte]weak.Pointer[T] // want `entries of dispatcher.byHash are never removed`
}

func (d *dispatcher) Add(ih [20]byte, t *T) { // want Add:`keeps\(weak 1 in \[\-1\]\)`
	lazy.MakeMapIfNil(&d.byHash)
	d.byHash[ih] = weak.Make(t)
}

func (d *dispatcher) Get(ih [20]byte) *T { return lazy.MustGet(d.byHash, ih).Value() }

// Negative: another package's function may prune the map it is given.
type handedOver struct{ m map[string]weak.Pointer[T] }

func (h *handedOver) Add(k string, t *T) { // want Add:`keeps\(weak 1 in \[\-1\]\)`
	h.m[k] = weak.Make(t)
	lazy.Prune(h.m)
}

// Negative: a helper of the package deletes dead entries of its parameter.
type helped struct{ texs map[string]weak.Pointer[T] }

func pruneDead[K comparable, V any](m map[K]weak.Pointer[V]) {
	for k, wp := range m {
		if wp.Value() == nil {
			delete(m, k)
		}
	}
}

func (c *helped) Put(k string, t *T) { // want Put:`keeps\(weak 1 in \[\-1\]\)`
	if len(c.texs)%64 == 63 {
		pruneDead(c.texs)
	}
	c.texs[k] = weak.Make(t)
}

// Negative: an exported reset.
type resettable struct {
	mu sync.Mutex
	m  map[string]weak.Pointer[T]
}

func (c *resettable) Put(k string, e *T) { // want Put:`keeps\(weak 1 in \[\-1\]\)`
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]weak.Pointer[T]{}
	}
	c.m[k] = weak.Make(e)
}

func (c *resettable) Reset() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}

// Negative: the ids come from a counter, the cleanup (a method value) may
// delete unconditionally: no newer player has the id of a dead one.
type Context struct {
	mu      sync.Mutex
	players map[int64]weak.Pointer[Player]
	nextID  int64
}

type Player struct {
	c   *Context
	id  int64
	src io.Reader
}

func (c *Context) NewPlayer(src io.Reader) *Player {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.nextID++
	p := &Player{c: c, id: c.nextID, src: src}
	c.players[p.id] = weak.Make(p)
	runtime.AddCleanup(p, c.closePlayer, p.id)
	return p
}

func (c *Context) closePlayer(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.players[id]; !ok {
		return
	}
	delete(c.players, id)
}

// Negative: keyed by the object's own address.
type tracker struct {
	mu   sync.Mutex
	live map[uintptr]weak.Pointer[T]
}

func (t *tracker) Track(b *T) { // want Track:`keeps\(weak 0 in \[\-1\]\)`
	addr := uintptr(unsafe.Pointer(b))
	t.mu.Lock()
	t.live[addr] = weak.Make(b)
	t.mu.Unlock()
	runtime.AddCleanup(b, func(a uintptr) {
		t.mu.Lock()
		delete(t.live, a)
		t.mu.Unlock()
	}, addr)
}

// Negative: the id comes from a function of the package that returns an
// atomic counter's next value.
var idGen atomic.Int64

func newID() int64 { return idGen.Add(1) }

type timer struct {
	id int64
	d  int
}

type wheel struct {
	mu     sync.Mutex
	timers map[int64]weak.Pointer[timer]
}

func (w *wheel) Add(d int) *timer {
	t := &timer{id: newID(), d: d}
	w.mu.Lock()
	w.timers[t.id] = weak.Make(t)
	w.mu.Unlock()
	runtime.AddCleanup(t, func(id int64) {
		w.mu.Lock()
		delete(w.timers, id)
		w.mu.Unlock()
	}, t.id)
	return t
}

// Positive: a name is not fresh; the unconditional delete is still reported.
type sessions struct {
	mu     sync.Mutex
	byUser map[string]weak.Pointer[T]
}

func (s *sessions) Put(user string, sess *T) { // want Put:`keeps\(weak 1 in \[\-1\]\)`
	s.mu.Lock()
	s.byUser[user] = weak.Make(sess)
	s.mu.Unlock()
	runtime.AddCleanup(sess, func(user string) {
		s.mu.Lock()
		delete(s.byUser, user) // want `cleanup deletes the entry of sessions.byUser unconditionally`
		s.mu.Unlock()
	}, user)
}

// Quiet: drop is called inside each subscription's own once (Close), and
// from the cleanup too: it runs once per subscription, so again and again.
// (Adapted from adversarial round 11: j_ledger projection.Hub.)
type Sub struct {
	id   int
	hub  *Hub
	once sync.Once
}

func (s *Sub) Close() { s.once.Do(func() { s.hub.drop(s.id) }) }

type Hub struct {
	mu   sync.Mutex
	subs map[int]weak.Pointer[Sub]
	next int
}

func (h *Hub) Subscribe() *Sub {
	h.mu.Lock()
	h.next++
	s := &Sub{id: h.next, hub: h}
	h.subs[s.id] = weak.Make(s)
	h.mu.Unlock()
	runtime.AddCleanup(s, func(id int) { h.drop(id) }, s.id)
	return s
}

func (h *Hub) drop(id int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, id)
}

// Positive: the only delete is in a helper that one package-level once
// runs, however often Reset is called.
var (
	registry   = map[int]weak.Pointer[Sub]{} // want `entries of registry are never removed`
	resetOnce  sync.Once
	registered atomic.Int64
)

func RegisterSub(s *Sub) { // want RegisterSub:`keeps\(weak 0 in \[\] global\)`
	registry[int(registered.Add(1))] = weak.Make(s)
}

func Reset() { resetOnce.Do(func() { clearRegistry() }) }

func clearRegistry() {
	for k := range registry {
		delete(registry, k)
	}
}
