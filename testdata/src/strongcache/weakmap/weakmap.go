// Package weakmap holds fixtures for rule 2: weak maps that never drop dead entries.
package weakmap

import (
	"runtime"
	"sync"
	"sync/atomic"
	"weak"

	"github.com/weaklint/weaklint/runtimeweak"
)

type T struct{ name string }

type entry struct {
	wp   weak.Pointer[T]
	size int
}

// Positive: a package-level weak map that is only ever added to.
var interned = map[string]weak.Pointer[T]{} // want `entries of interned are never removed: dead weak pointers accumulate without bound`

func intern(s string) *T {
	if v := interned[s].Value(); v != nil {
		return v
	}
	v := &T{name: s}
	interned[s] = weak.Make(v)
	return v
}

// Positive: a struct field, values are structs holding a weak pointer.
type cache struct {
	mu     sync.Mutex
	byName map[string]entry // want `entries of cache.byName are never removed`
}

func (c *cache) put(k string, v *T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byName[k] = entry{wp: weak.Make(v), size: len(k)}
}

// Positive: a sync.Map used as a weak map.
type registry struct {
	m sync.Map // want `entries of registry.m are never removed`
}

func (r *registry) add(k string, v *T) {
	r.m.Store(k, weak.Make(v))
}

// Positive: values are pointers to entries.
var byID = map[int]*entry{} // want `entries of byID are never removed`

func track(id int, v *T) { byID[id] = &entry{wp: weak.Make(v)} }

// Positive: generic cache.
type Generic[K comparable, V any] struct {
	m map[K]weak.Pointer[V] // want `entries of Generic.m are never removed`
}

func (g *Generic[K, V]) Put(k K, v *V) { g.m[k] = weak.Make(v) } // want Put:`keeps\(weak 1 in \[\-1\]\)`

// Positive (two reports): the cleanup deletes without checking that the
// entry is still the one it was registered for.
type sloppy struct {
	mu sync.Mutex
	m  map[string]weak.Pointer[T]
}

func (s *sloppy) put(k string, v *T) {
	s.mu.Lock()
	s.m[k] = weak.Make(v)
	s.mu.Unlock()
	runtime.AddCleanup(v, func(k string) {
		s.mu.Lock()
		delete(s.m, k) // want `cleanup deletes the entry of sloppy.m unconditionally: a newer value stored under the same key is removed too`
		s.mu.Unlock()
	}, k)
}

// Positive: the unconditional delete is in a helper the cleanup calls.
type helped struct {
	m map[string]weak.Pointer[T]
}

func (h *helped) remove(k string) { delete(h.m, k) }

func (h *helped) put(k string, v *T) {
	h.m[k] = weak.Make(v)
	runtime.AddCleanup(v, func(k string) {
		h.remove(k) // want `cleanup deletes the entry of helped.m unconditionally`
	}, k)
}

// Positive: sync.Map Delete in a cleanup.
type syncSloppy struct{ m sync.Map }

func (s *syncSloppy) put(k string, v *T) {
	s.m.Store(k, weak.Make(v))
	runtime.AddCleanup(v, func(k string) {
		s.m.Delete(k) // want `cleanup deletes the entry of syncSloppy.m unconditionally`
	}, k)
}

// Positive: the cleanup is attached to the weak pointer, not to the value.
type misattached struct {
	m map[string]*weak.Pointer[T]
}

func (c *misattached) put(k string, v *T) {
	wp := weak.Make(v)
	c.m[k] = &wp
	runtime.AddCleanup(&wp, func(k string) { // want `cleanup that prunes misattached.m is attached to a weak.Pointer variable, not to its referent`
		if c.m[k].Value() == nil {
			delete(c.m, k)
		}
	}, k)
}

// Positive: a finalizer-based delete without a check.
type finalized struct{ m map[int]weak.Pointer[T] }

func (f *finalized) put(id int, v *T) {
	f.m[id] = weak.Make(v)
	runtime.SetFinalizer(v, func(*T) {
		delete(f.m, id) // want `cleanup deletes the entry of finalized.m unconditionally`
	})
}

// Negative: the correct idiom; the cleanup deletes only its own entry.
type careful struct {
	mu sync.Mutex
	m  map[string]weak.Pointer[T]
}

func (c *careful) put(k string, v *T) {
	wp := weak.Make(v)
	c.mu.Lock()
	c.m[k] = wp
	c.mu.Unlock()
	runtime.AddCleanup(v, func(k string) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.m[k] == wp {
			delete(c.m, k)
		}
	}, k)
}

// Negative: the same check written as an early return.
type earlyReturn struct{ m map[string]weak.Pointer[T] }

func (c *earlyReturn) put(k string, v *T) {
	wp := weak.Make(v)
	c.m[k] = wp
	runtime.AddCleanup(v, func(k string) {
		if cur, ok := c.m[k]; !ok || cur != wp {
			return
		}
		delete(c.m, k)
	}, k)
}

// Negative: the cleanup checks the entry is dead before deleting.
type deadCheck struct{ m map[string]weak.Pointer[T] }

func (c *deadCheck) put(k string, v *T) {
	c.m[k] = weak.Make(v)
	runtime.AddCleanup(v, func(k string) {
		if wp, ok := c.m[k]; ok && wp.Value() == nil {
			delete(c.m, k)
		}
	}, k)
}

// Negative: sync.Map CompareAndDelete in a cleanup.
type syncCareful struct{ m sync.Map }

func (s *syncCareful) put(k string, v *T) {
	wp := weak.Make(v)
	s.m.Store(k, wp)
	runtime.AddCleanup(v, func(k string) { s.m.CompareAndDelete(k, wp) }, k)
}

// Negative: a periodic sweep deletes dead entries.
type swept struct{ m map[string]weak.Pointer[T] }

func (s *swept) put(k string, v *T) { s.m[k] = weak.Make(v) }

func (s *swept) sweep() {
	for k, wp := range s.m {
		if wp.Value() == nil {
			delete(s.m, k)
		}
	}
}

// Negative: the map is cleared on reset.
type resettable struct{ m map[string]weak.Pointer[T] }

func (r *resettable) put(k string, v *T) { r.m[k] = weak.Make(v) }
func (r *resettable) reset()             { clear(r.m) }

// Negative: the map is replaced on reset.
var generation map[string]weak.Pointer[T]

func remember(k string, v *T) { generation[k] = weak.Make(v) }
func newGeneration()          { generation = map[string]weak.Pointer[T]{} }

// Negative: the runtimeweak map prunes itself.
var values runtimeweak.ValueMap[string, T]

func store(k string, v *T) { values.Store(k, v) }

// Negative: a local weak map dies with the call.
func local(ts []*T) int {
	m := map[string]weak.Pointer[T]{}
	for _, t := range ts {
		m[t.name] = weak.Make(t)
	}
	return len(m)
}

// Negative: a weak map that is never added to in this package.
type readOnly struct{ m map[string]weak.Pointer[T] }

func (r *readOnly) get(k string) *T { return r.m[k].Value() }

// Negative: the map is bounded by its length.
type bounded struct{ m map[string]weak.Pointer[T] }

func (b *bounded) put(k string, v *T) {
	if len(b.m) >= 100 {
		return
	}
	b.m[k] = weak.Make(v)
}

// Positive: an embedded sync.Map used as a weak map, never pruned.
type certs struct{ sync.Map } // want `entries of certs.Map are never removed`

func (c *certs) add(der []byte, v *T) { c.Store(string(der), weak.Make(v)) }

// Negative: crypto/tls's weakCertCache: an embedded sync.Map pruned by
// CompareAndDelete in a cleanup attached to the certificate.
type certCache struct{ sync.Map }

func (c *certCache) newCert(der []byte) *T {
	if e, ok := c.Load(string(der)); ok {
		if v := e.(weak.Pointer[T]).Value(); v != nil {
			return v
		}
	}
	v := &T{name: string(der)}
	wp := weak.Make(v)
	if e, loaded := c.LoadOrStore(string(der), wp); !loaded {
		runtime.AddCleanup(v, func(_ any) { c.CompareAndDelete(string(der), e) }, any(string(der)))
	}
	return v
}

// Negative: crypto/internal/fips140cache: keyed by the weak pointer itself,
// so an unconditional delete cannot remove a newer entry.
type keyed[K, V any] struct{ m sync.Map }

func (c *keyed[K, V]) Get(k *K, v *V) *V {
	p := weak.Make(k)
	if got, ok := c.m.Load(p); ok {
		return got.(*V)
	}
	c.m.Store(p, v)
	runtime.AddCleanup(k, c.evict, p)
	return v
}

func (c *keyed[K, V]) evict(p weak.Pointer[K]) { c.m.Delete(p) }

// Positive: the cleanup is a method value that deletes unconditionally.
type byMethod struct{ m map[string]weak.Pointer[T] }

func (c *byMethod) evict(k string) {
	delete(c.m, k) // want `cleanup deletes the entry of byMethod.m unconditionally`
}

func (c *byMethod) put(k string, v *T) {
	c.m[k] = weak.Make(v)
	runtime.AddCleanup(v, c.evict, k)
}

// Negative: a runtimeweak finalizer whose function checks the entry.
type viaFinalizer struct {
	mu sync.Mutex
	m  map[string]weak.Pointer[T]
}

type evictArg struct {
	key string
	wp  weak.Pointer[T]
}

func (c *viaFinalizer) evict(a evictArg) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m[a.key] == a.wp {
		delete(c.m, a.key)
	}
}

func (c *viaFinalizer) put(k string, v *T) {
	wp := weak.Make(v)
	c.mu.Lock()
	c.m[k] = wp
	c.mu.Unlock()
	runtimeweak.NewFinalizer(v, c.evict, evictArg{key: k, wp: wp})
}

// Negative: keys from a bounded domain (an enum): at most one dead entry per kind.
type Kind uint8

const (
	KindA Kind = iota
	KindB
)

var byKind = map[Kind]weak.Pointer[T]{}

func putKind(k Kind, v *T) { byKind[k] = weak.Make(v) }

// Negative: a handle table numbers its entries from a counter, so no newer
// value is ever stored under the id of a dead one; the unconditional delete
// is correct.
type handles struct {
	mu   sync.Mutex
	next uint64
	m    map[uint64]weak.Pointer[T]
}

func (h *handles) register(v *T) uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.next++
	id := h.next
	h.m[id] = weak.Make(v)
	runtime.AddCleanup(v, func(id uint64) {
		h.mu.Lock()
		defer h.mu.Unlock()
		delete(h.m, id)
	}, id)
	return id
}

// Negative: the same with an atomic counter and a captured id.
var (
	lastHandle atomic.Uint64
	handleMap  sync.Map
)

func registerAtomic(v *T) uint64 {
	id := lastHandle.Add(1)
	handleMap.Store(id, weak.Make(v))
	runtime.AddCleanup(v, func(struct{}) { handleMap.Delete(id) }, struct{}{})
	return id
}

// Positive: a local counter starts over on every call, so ids repeat.
type localCounter struct{ m map[int]weak.Pointer[T] }

func (c *localCounter) putAll(vs []*T) {
	n := 0
	for _, v := range vs {
		n++
		id := n
		c.m[id] = weak.Make(v)
		runtime.AddCleanup(v, func(id int) {
			delete(c.m, id) // want `cleanup deletes the entry of localCounter.m unconditionally`
		}, id)
	}
}

// Negative: a per-call resolver; its weak map dies with the call.
type resolver struct {
	seen map[string]weak.Pointer[T]
}

func (r *resolver) visit(t *T) {
	if r.seen[t.name].Value() == nil {
		r.seen[t.name] = weak.Make(t)
	}
}

func resolveAll(ts []*T) int {
	r := &resolver{seen: map[string]weak.Pointer[T]{}}
	for _, t := range ts {
		r.visit(t)
	}
	return len(r.seen)
}

// Positive: the same shape, but the value is returned to the caller, who
// may keep it.
type tracker struct {
	seen map[string]weak.Pointer[T] // want `entries of tracker.seen are never removed`
}

func newTracker() *tracker {
	t := &tracker{seen: map[string]weak.Pointer[T]{}}
	return t
}

func (t *tracker) add(v *T) { t.seen[v.name] = weak.Make(v) }

// Positive: the per-call value's method hands its receiver to a global.
type leaky struct {
	seen map[string]weak.Pointer[T] // want `entries of leaky.seen are never removed`
}

var lastLeaky *leaky

func (l *leaky) add(v *T) {
	l.seen[v.name] = weak.Make(v)
	lastLeaky = l
}

func useLeaky(v *T) {
	l := &leaky{seen: map[string]weak.Pointer[T]{}}
	l.add(v)
}

// Positive: the test is on the weak pointer the cleanup was registered
// with, which is always dead when the cleanup runs: it guards nothing.
type fakeGuard struct {
	mu sync.Mutex
	m  map[string]weak.Pointer[T]
}

func (c *fakeGuard) put(k string, v *T) {
	wp := weak.Make(v)
	c.mu.Lock()
	c.m[k] = wp
	c.mu.Unlock()
	runtime.AddCleanup(v, func(k string) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if wp.Value() == nil {
			delete(c.m, k) // want `cleanup deletes the entry of fakeGuard.m unconditionally`
		}
	}, k)
}

// Positive: likewise with the weak pointer passed as the cleanup's argument.
type fakeGuardArg struct{ m map[string]weak.Pointer[T] }

func (c *fakeGuardArg) put(k string, v *T) {
	runtime.AddCleanup(v, func(a evictArg) {
		if a.wp.Value() != nil {
			return
		}
		delete(c.m, a.key) // want `cleanup deletes the entry of fakeGuardArg.m unconditionally`
	}, evictArg{key: k, wp: weak.Make(v)})
	c.m[k] = weak.Make(v)
}

// Negative: the entry read from the map when the cleanup runs is tested.
type realGuard struct{ m map[string]weak.Pointer[T] }

func (c *realGuard) put(k string, v *T) {
	c.m[k] = weak.Make(v)
	runtime.AddCleanup(v, func(k string) {
		cur := c.m[k]
		if cur.Value() == nil {
			delete(c.m, k)
		}
	}, k)
}

// Negative: entries are pointers, and the cleanup deletes only if the map
// still holds the entry it was registered for.
type ptrEntries struct {
	mu sync.Mutex
	m  map[string]*entry
}

func (c *ptrEntries) put(k string, v *T) {
	e := &entry{wp: weak.Make(v)}
	c.mu.Lock()
	c.m[k] = e
	c.mu.Unlock()
	runtime.AddCleanup(v, func(k string) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.m[k] == e {
			delete(c.m, k)
		}
	}, k)
}

// Negative: a generation number identifies the entry.
type genEntry struct {
	wp  weak.Pointer[T]
	gen uint64
}

type generations struct {
	gen uint64
	m   map[string]genEntry
}

func (c *generations) put(k string, v *T) {
	c.gen++
	g := c.gen
	c.m[k] = genEntry{wp: weak.Make(v), gen: g}
	runtime.AddCleanup(v, func(k string) {
		if cur, ok := c.m[k]; ok && cur.gen == g {
			delete(c.m, k)
		}
	}, k)
}

// Positive: comparing the entry with a constant identifies nothing.
type constCheck struct{ m map[string]genEntry }

func (c *constCheck) put(k string, v *T) {
	c.m[k] = genEntry{wp: weak.Make(v)}
	runtime.AddCleanup(v, func(k string) {
		if c.m[k].gen == 0 {
			delete(c.m, k) // want `cleanup deletes the entry of constCheck.m unconditionally`
		}
	}, k)
}

// Positive: a side table keyed by weak pointers, never pruned: the entries
// of dead keys stay.
type meta struct{ size int }

var sizes = map[weak.Pointer[T]]meta{} // want `entries of sizes are never removed: entries whose weak key died accumulate without bound`

func annotate(v *T, m meta) { sizes[weak.Make(v)] = m }

// Positive: the same with a sync.Map.
var tags sync.Map // want `entries of tags are never removed: entries whose weak key died`

func tag(v *T, s string) { tags.Store(weak.Make(v), s) }

// Negative: the side table deletes the weak key in the referent's cleanup.
// The delete needs no check: no newer entry can have a dead object's key.
var (
	notesMu sync.Mutex
	notes   = map[weak.Pointer[T]]meta{}
)

func note(v *T, m meta) {
	wp := weak.Make(v)
	notesMu.Lock()
	defer notesMu.Unlock()
	if _, ok := notes[wp]; !ok {
		runtime.AddCleanup(v, func(wp weak.Pointer[T]) {
			notesMu.Lock()
			defer notesMu.Unlock()
			delete(notes, wp)
		}, wp)
	}
	notes[wp] = m
}

// Negative: the dead-entry test goes through a getter that returns the
// referent of the entry it reads.
type viaGetter struct {
	mu sync.Mutex
	m  map[string]weak.Pointer[T]
}

func (c *viaGetter) lookup(k string) *T { return c.m[k].Value() }

func (c *viaGetter) put(k string, v *T) {
	c.mu.Lock()
	c.m[k] = weak.Make(v)
	c.mu.Unlock()
	runtime.AddCleanup(v, func(k string) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.lookup(k) == nil {
			delete(c.m, k)
		}
	}, k)
}

// Positive: this getter returns the referent of the weak pointer the
// cleanup was registered with, which is always dead by then.
type ownGetter struct{ m map[string]*entry }

func (e *entry) value() *T { return e.wp.Value() }

func (c *ownGetter) put(k string, v *T) {
	e := &entry{wp: weak.Make(v)}
	c.m[k] = e
	runtime.AddCleanup(v, func(k string) {
		if e.value() == nil {
			delete(c.m, k) // want `cleanup deletes the entry of ownGetter.m unconditionally`
		}
	}, k)
}

// Positive: a captured size is no identity; a newer entry of the same size
// is removed too.
type sizeCheck struct{ m map[string]entry }

func (c *sizeCheck) put(k string, v *T) {
	n := len(v.name)
	c.m[k] = entry{wp: weak.Make(v), size: n}
	runtime.AddCleanup(v, func(k string) {
		if c.m[k].size == n {
			delete(c.m, k) // want `cleanup deletes the entry of sizeCheck.m unconditionally`
		}
	}, k)
}

// Positive: a value made in a function, but its goroutine outlives the call.
type worker struct {
	seen map[string]weak.Pointer[T] // want `entries of worker.seen are never removed`
	in   chan *T
}

func (w *worker) loop() {
	for v := range w.in {
		w.seen[v.name] = weak.Make(v)
	}
}

func startWorker(in chan *T) {
	w := &worker{seen: map[string]weak.Pointer[T]{}, in: in}
	go w.loop()
}

// Positive: likewise through a closure.
type watcher struct {
	seen map[string]weak.Pointer[T] // want `entries of watcher.seen are never removed`
}

func startWatcher(in chan *T) {
	w := &watcher{seen: map[string]weak.Pointer[T]{}}
	go func() {
		for v := range in {
			w.seen[v.name] = weak.Make(v)
		}
	}()
}
