// Package shapes holds the weak maps real code builds beyond a plain
// map[K]weak.Pointer[V]: subscriber lists per topic, maps captured by
// handlers, callbacks kept beside weak pointers, and registries whose
// cleanup forgets the entry.
package shapes

import (
	"net/http"
	"runtime"
	"slices"
	"sync"
	"weak"
)

type T struct{ name string }

func (t *T) OnEvent(string) {}
func (t *T) Refresh()       {}

// Positive: one list of weak subscribers per topic, never pruned.
type broker struct {
	mu   sync.Mutex
	subs map[string][]weak.Pointer[T] // want `entries of broker.subs are never removed`
}

func (b *broker) Subscribe(topic string, s *T) { // want Subscribe:`keeps\(weak 1 in \[\-1\]\)`
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], weak.Make(s))
}

// Negative: Publish drops dead subscribers and empty topics.
type compactingBroker struct {
	mu   sync.Mutex
	subs map[string][]weak.Pointer[T]
}

func (b *compactingBroker) Subscribe(topic string, s *T) { // want Subscribe:`keeps\(weak 1 in \[\-1\]\)`
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], weak.Make(s))
}

func (b *compactingBroker) Publish(topic, msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	live := b.subs[topic][:0]
	for _, wp := range b.subs[topic] {
		if s := wp.Value(); s != nil {
			s.OnEvent(msg)
			live = append(live, wp)
		}
	}
	if len(live) == 0 {
		delete(b.subs, topic)
		return
	}
	b.subs[topic] = live
}

// Negative: the cleanup takes its own weak pointer out of the list and
// deletes the topic only once the list is empty.
type hub struct {
	mu        sync.Mutex
	listeners map[string][]weak.Pointer[T]
}

func (h *hub) Listen(topic string, l *T) { // want Listen:`keeps\(weak 1 in \[\-1\]\)`
	wp := weak.Make(l)
	h.mu.Lock()
	h.listeners[topic] = append(h.listeners[topic], wp)
	h.mu.Unlock()
	runtime.AddCleanup(l, func(topic string) {
		h.mu.Lock()
		defer h.mu.Unlock()
		ls := slices.DeleteFunc(h.listeners[topic], func(p weak.Pointer[T]) bool { return p == wp })
		if len(ls) == 0 {
			delete(h.listeners, topic)
		} else {
			h.listeners[topic] = ls
		}
	}, topic)
}

// Positive: a sync.Map of subscriber lists.
var watchers sync.Map // want `entries of watchers are never removed`

func Watch(path string, w *T) { // want Watch:`keeps\(weak 1 in \[\] global\)`
	wps, _ := watchers.LoadOrStore(path, []weak.Pointer[T]{})
	watchers.Store(path, append(wps.([]weak.Pointer[T]), weak.Make(w)))
}

// Positive: a handler built by a constructor keeps its map for as long as
// it serves.
func NewHandler() http.HandlerFunc {
	var mu sync.Mutex
	cache := map[string]weak.Pointer[T]{} // want `entries of cache are never removed`
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		p := cache[r.URL.Path].Value()
		if p == nil {
			p = &T{name: r.URL.Path}
			cache[r.URL.Path] = weak.Make(p)
		}
		w.Write([]byte(p.name))
	}
}

// Positive: a lookup function stored in a field keeps its map.
type service struct{ lookup func(string) *T }

func NewService() *service {
	s := &service{}
	users := map[string]weak.Pointer[T]{} // want `entries of users are never removed`
	s.lookup = func(name string) *T {
		if u := users[name].Value(); u != nil {
			return u
		}
		u := &T{name: name}
		users[name] = weak.Make(u)
		return u
	}
	return s
}

// Negative: a local map used only during the call, by a local closure.
func Reachable(roots []*T) int {
	seen := map[string]weak.Pointer[T]{}
	visit := func(t *T) { seen[t.name] = weak.Make(t) }
	for _, r := range roots {
		visit(r)
	}
	return len(seen)
}

// Positive: the closure stored as the value of a weak-keyed map captures
// its key (Python's WeakKeyDictionary trap): the entry never dies.
var (
	refreshMu sync.Mutex
	refreshes = map[weak.Pointer[T]]func(){}
)

func WatchRefresh(w *T) { // want WatchRefresh:`keeps\(weak 0 in \[\] global\)`
	wp := weak.Make(w)
	refreshMu.Lock()
	refreshes[wp] = func() { w.Refresh() } // want `the closure stored in refreshes\[wp\] holds w, the referent of the entry's weak key`
	refreshMu.Unlock()
	runtime.AddCleanup(w, func(wp weak.Pointer[T]) {
		refreshMu.Lock()
		delete(refreshes, wp)
		refreshMu.Unlock()
	}, wp)
}

// Positive: the same with a method value.
type manager struct {
	mu      sync.Mutex
	closers map[weak.Pointer[T]]func()
}

func (m *manager) Track(w *T) { // want Track:`keeps\(weak 0 in \[\-1\]\)`
	wp := weak.Make(w)
	m.mu.Lock()
	m.closers[wp] = w.Refresh // want `the method value stored in m.closers\[wp\] holds w, the referent of the entry's weak key`
	m.mu.Unlock()
	runtime.AddCleanup(w, func(wp weak.Pointer[T]) {
		m.mu.Lock()
		delete(m.closers, wp)
		m.mu.Unlock()
	}, wp)
}

// Negative: the closure captures a copy of the name, not the key.
type loggers struct {
	mu sync.Mutex
	m  map[weak.Pointer[T]]func() string
}

func (l *loggers) Watch(w *T) { // want Watch:`keeps\(weak 0 in \[\-1\]\)`
	wp := weak.Make(w)
	name := w.name
	l.mu.Lock()
	l.m[wp] = func() string { return name }
	l.mu.Unlock()
	runtime.AddCleanup(w, func(wp weak.Pointer[T]) {
		l.mu.Lock()
		delete(l.m, wp)
		l.mu.Unlock()
	}, wp)
}

// Positive: a callback bound to the object beside a weak pointer to it,
// released only by an explicit Disconnect.
type server struct {
	mu      sync.Mutex
	nextID  int
	clients map[int]weak.Pointer[T]
	cbs     map[int]func(string)
}

func (s *server) Connect(c *T) int { // want Connect:`keeps\(weak 0 in \[\-1\]\)`
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	id := s.nextID
	s.clients[id] = weak.Make(c)
	s.cbs[id] = func(e string) { c.OnEvent(e) } // want `the closure stored in s.cbs\[id\] holds c, which is also held by a weak pointer.*runtimeweak.Method`
	return id
}

func (s *server) Disconnect(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.clients, id)
	delete(s.cbs, id)
}

// Negative: the callback is the registry's own method.
type router struct {
	mu       sync.Mutex
	targets  []weak.Pointer[T]
	handlers []func()
}

func (r *router) dispatch() {}

func (r *router) Add(t *T) { // want Add:`keeps\(weak 0 in \[\-1\]\)`
	r.mu.Lock()
	defer r.mu.Unlock()
	r.targets = append(r.targets, weak.Make(t))
	r.handlers = append(r.handlers, r.dispatch)
}

func (r *router) Compact() {
	r.mu.Lock()
	defer r.mu.Unlock()
	live := r.targets[:0]
	for _, wp := range r.targets {
		if wp.Value() != nil {
			live = append(live, wp)
		}
	}
	r.targets = live
}

// Positive (ebiten's shader set): the cleanup on each shader releases its
// GPU object but leaves the entry; only an explicit Deallocate removes it.
type gpu struct{ h int }

func (g *gpu) Dispose() {}

type shaderSet struct {
	m       sync.Mutex
	shaders map[weak.Pointer[Shader]]struct{} // want `a cleanup is registered on each Shader but does not remove its entry from shaderSet.shaders`
}

func (s *shaderSet) add(sh *Shader) {
	s.m.Lock()
	defer s.m.Unlock()
	if s.shaders == nil {
		s.shaders = map[weak.Pointer[Shader]]struct{}{}
	}
	s.shaders[weak.Make(sh)] = struct{}{}
}

func (s *shaderSet) remove(sh *Shader) {
	s.m.Lock()
	defer s.m.Unlock()
	delete(s.shaders, weak.Make(sh))
}

var allShaders shaderSet

type Shader struct {
	g       *gpu
	cleanup runtime.Cleanup
}

func (s *Shader) Draw() { s.ensure() }

func (s *Shader) ensure() *gpu {
	if s.g != nil {
		return s.g
	}
	s.g = &gpu{}
	s.cleanup = runtime.AddCleanup(s, func(g *gpu) { g.Dispose() }, s.g)
	allShaders.add(s)
	return s.g
}

func (s *Shader) Deallocate() {
	s.cleanup.Stop()
	if s.g == nil {
		return
	}
	s.g.Dispose()
	s.g = nil
	allShaders.remove(s)
}

// Negative: the cleanup removes the entry too.
type texSet struct {
	m    sync.Mutex
	texs map[weak.Pointer[Texture]]struct{}
}

var allTextures = texSet{texs: map[weak.Pointer[Texture]]struct{}{}}

type Texture struct{ g *gpu }

func (t *Texture) Upload() { // want Upload:`keeps\(weak \-1 in \[\] global\)`
	t.g = &gpu{}
	wp := weak.Make(t)
	allTextures.m.Lock()
	allTextures.texs[wp] = struct{}{}
	allTextures.m.Unlock()
	runtime.AddCleanup(t, func(g *gpu) {
		g.Dispose()
		allTextures.m.Lock()
		delete(allTextures.texs, wp)
		allTextures.m.Unlock()
	}, t.g)
}
