// Package memo holds fixtures for rule 4: unbounded strong memo maps.
package memo

import (
	"container/list"
	"crypto/sha256"
	"os/exec"
	"reflect"
	"regexp"
	"strings"
	"sync"
)

type Template struct{ src string }

func parse(s string) (*Template, error) { return &Template{src: s}, nil }

type request struct {
	path string
	id   int64
	body []byte
}

// Positive: a package-level get-or-create keyed by input strings (a request's path).
var templates = map[string]*Template{}

func Serve(r *request) *Template { return lookupTemplate(r.path) }

func lookupTemplate(name string) *Template {
	if t, ok := templates[name]; ok {
		return t
	}
	t := &Template{src: name}
	templates[name] = t // want `entries of templates are created on demand and never removed`
	return t
}

// Positive: with an error result, under a mutex.
var (
	reMu  sync.Mutex
	reMap = make(map[string]*regexp.Regexp)
)

func Match(r *request) bool {
	re, err := compileRE(strings.TrimSpace(string(r.body)))
	return err == nil && re.MatchString(r.path)
}

func compileRE(expr string) (*regexp.Regexp, error) {
	reMu.Lock()
	defer reMu.Unlock()
	if re := reMap[expr]; re != nil {
		return re, nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	reMap[expr] = re // want `entries of reMap are created on demand and never removed`
	return re, nil
}

// Positive: sync.Map LoadOrStore keyed by ids.
var sessions sync.Map

type Session struct{ id int64 }

func SessionFor(r *request) *Session {
	s, _ := sessions.LoadOrStore(r.id, &Session{id: r.id}) // want `entries of sessions are created on demand and never removed`
	return s.(*Session)
}

// Positive: a field of a long-lived cache (held in a package-level variable).
type userCache struct {
	byName map[string]*User
}

type User struct {
	name  string
	roles []string
}

var users = &userCache{byName: map[string]*User{}}

func Login(lines []string) {
	for _, name := range lines {
		users.get(name)
	}
}

func (c *userCache) get(name string) *User {
	u, ok := c.byName[name]
	if !ok {
		u = &User{name: name}
		c.byName[name] = u // want `entries of userCache.byName are created on demand and never removed`
	}
	return u
}

// Positive: a shared interner (a package-level value), keys are byte-slice conversions.
type Interner struct {
	mu sync.Mutex
	m  map[string][]byte
}

var defaultInterner Interner

func (in *Interner) Intern(b []byte) []byte {
	in.mu.Lock()
	defer in.mu.Unlock()
	if s, ok := in.m[string(b)]; ok {
		return s
	}
	s := append([]byte(nil), b...)
	in.m[string(b)] = s // want `entries of Interner.m are created on demand and never removed`
	return s
}

// Positive: keyed by a hash.
var blobs = map[[32]byte]*Blob{}

type Blob struct{ data []byte }

func BlobFor(r *request) *Blob {
	data := r.body
	sum := sha256.Sum256(data)
	if b := blobs[sum]; b != nil {
		return b
	}
	b := &Blob{data: data}
	blobs[sum] = b // want `entries of blobs are created on demand and never removed`
	return b
}

// Positive: sync.Map Load then Store, keyed by a struct of strings.
type route struct{ method, path string }

type Handler struct{ r route }

var handlers sync.Map

func HandlerFor(r *request) *Handler {
	k := route{"GET", r.path}
	if h, ok := handlers.Load(k); ok {
		return h.(*Handler)
	}
	h := &Handler{r: k}
	handlers.Store(k, h) // want `entries of handlers are created on demand and never removed`
	return h
}

// Negative: keyed by reflect.Type, a domain the program bounds.
var typeInfo = map[reflect.Type]*Template{}

func infoFor(t reflect.Type) *Template {
	if ti, ok := typeInfo[t]; ok {
		return ti
	}
	ti := &Template{src: t.String()}
	typeInfo[t] = ti
	return ti
}

// Negative: keyed by an enum.
type Kind int

const (
	KindA Kind = iota
	KindB
)

var byKind = map[Kind]*Template{}

func forKind(k Kind) *Template {
	if t := byKind[k]; t != nil {
		return t
	}
	t := &Template{}
	byKind[k] = t
	return t
}

// Negative: keyed by bool.
var byFlag = map[bool]*Template{}

func forFlag(f bool) *Template {
	if t := byFlag[f]; t != nil {
		return t
	}
	t := &Template{}
	byFlag[f] = t
	return t
}

// Negative: an LRU that evicts.
type LRU struct {
	mu    sync.Mutex
	max   int
	ll    *list.List
	items map[string]*list.Element
}

func (c *LRU) Get(k string) *Template {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*Template)
	}
	t := &Template{src: k}
	c.items[k] = c.ll.PushFront(t)
	if c.ll.Len() > c.max {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.items, last.Value.(*Template).src)
	}
	return t
}

// Negative: cleared on reset.
var compiled = map[string]*Template{}

func compile(s string) *Template {
	if t, ok := compiled[s]; ok {
		return t
	}
	t := &Template{src: s}
	compiled[s] = t
	return t
}

func Reset() { clear(compiled) }

// Negative: replaced on reload.
var hosts map[string][]string

func hostsFor(name string) []string {
	if h, ok := hosts[name]; ok {
		return h
	}
	h := []string{name}
	hosts[name] = h
	return h
}

func reload() { hosts = make(map[string][]string) }

// Negative: a per-request map (a local).
func render(names []string) []*Template {
	seen := map[string]*Template{}
	var out []*Template
	for _, n := range names {
		t, ok := seen[n]
		if !ok {
			t = &Template{src: n}
			seen[n] = t
		}
		out = append(out, t)
	}
	return out
}

// Negative: a per-request struct (not shared, no mutex, no package-level value).
type decoder struct {
	refs map[string]*Template
}

func (d *decoder) ref(name string) *Template {
	if t, ok := d.refs[name]; ok {
		return t
	}
	t := &Template{src: name}
	d.refs[name] = t
	return t
}

// Negative: a map of small values.
var counts = map[string]int{}

func count(s string) int {
	n, ok := counts[s]
	if !ok {
		n = len(s)
		counts[s] = n
	}
	return n
}

// Negative: a map of strings.
var canonical = map[string]string{}

func canon(s string) string {
	if c, ok := canonical[s]; ok {
		return c
	}
	canonical[s] = s
	return s
}

// Negative: a registry filled with values the caller provides.
var drivers = map[string]*Template{}

func Register(name string, t *Template) {
	if _, dup := drivers[name]; dup {
		panic("duplicate " + name)
	}
	drivers[name] = t
}

// Negative: bounded by its size.
var small = map[string]*Template{}

func smallFor(s string) *Template {
	if t, ok := small[s]; ok {
		return t
	}
	t := &Template{src: s}
	if len(small) < 64 {
		small[s] = t
	}
	return t
}

// Negative: filled in init from a fixed list.
var builtin = map[string]*Template{}

func init() {
	for _, n := range []string{"a", "b"} {
		if _, ok := builtin[n]; !ok {
			builtin[n] = &Template{src: n}
		}
	}
}

// Negative: sync.Map keyed by reflect.Type.
var fieldCache sync.Map

func fields(t reflect.Type) *Template {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*Template)
	}
	f, _ := fieldCache.LoadOrStore(t, &Template{src: t.Name()})
	return f.(*Template)
}

// Negative: sync.Map with deletion.
var conns sync.Map

type Conn struct{ addr string }

func dial(addr string) *Conn {
	c, _ := conns.LoadOrStore(addr, &Conn{addr: addr})
	return c.(*Conn)
}

func hangup(addr string) { conns.Delete(addr) }

// Positive: the textbook memo: an exported function's string parameter is
// whatever its callers read (the same code in an internal package, where
// the standard library names its settings by constants, is quiet: see
// memo/internal/godebug).
var settings sync.Map

type setting struct{ name string }

func Setting(name string) *setting {
	if s, ok := settings.Load(name); ok {
		return s.(*setting)
	}
	s, _ := settings.LoadOrStore(name, &setting{name: name}) // want `entries of settings are created on demand and never removed`
	return s.(*setting)
}

// Positive: the same with a plain map and a []byte parameter.
var symbols = map[string]*setting{}

func InternBytes(b []byte) *setting {
	if s := symbols[string(b)]; s != nil {
		return s
	}
	s := &setting{name: string(b)}
	symbols[string(b)] = s // want `entries of symbols are created on demand and never removed`
	return s
}

// Positive: a method of an exported type that a package-level variable holds.
type Registry struct {
	mu     sync.Mutex
	meters map[string]*setting
}

var Default = &Registry{meters: map[string]*setting{}}

func (r *Registry) Meter(name string) *setting {
	r.mu.Lock()
	defer r.mu.Unlock()
	if m, ok := r.meters[name]; ok {
		return m
	}
	m := &setting{name: name}
	r.meters[name] = m // want `entries of Registry.meters are created on demand and never removed`
	return m
}

// Negative: keys from a fixed table of names (gopls' telemetry counters).
var counterNames = [...]string{"gopls/client", "gopls/editor", "gopls/goversion"}

var counters = map[string]*setting{}

func counter(name string) *setting {
	if c := counters[name]; c != nil {
		return c
	}
	c := &setting{name: name}
	counters[name] = c
	return c
}

func IncAll() {
	for _, name := range counterNames {
		_ = counter(name)
	}
}

// Negative: an exported function whose key is a string enumeration.
type Mode string

const (
	Fast Mode = "fast"
	Safe Mode = "safe"
)

var modes = map[Mode]*setting{}

func ForMode(m Mode) *setting {
	if s, ok := modes[m]; ok {
		return s
	}
	s := &setting{name: string(m)}
	modes[m] = s
	return s
}

// Negative: memoized errors are small values (internal/testenv's execPaths).
var lookPaths = map[string]error{}

func Usable(r *request) bool {
	err, ok := lookPaths[r.path]
	if !ok {
		_, err = exec.LookPath(r.path)
		lookPaths[r.path] = err
	}
	return err == nil
}

// Negative: a per-document index; its mutex does not make it long-lived.
type lineIndex struct {
	mu    sync.Mutex
	lines map[int][]*Template
}

func (x *lineIndex) add(t *Template, line int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, ok := x.lines[line]; !ok {
		x.lines[line] = []*Template{t}
	}
}

func (x *lineIndex) addAll(ts []*Template, lines []int) {
	for i, l := range lines {
		x.add(ts[i], l)
	}
}

// Negative: filled once from a file (net's services table).
var (
	servicesOnce sync.Once
	services     map[string]map[string]int
)

func readServices(lines [][]string) {
	for _, f := range lines {
		netw := f[1]
		m, ok := services[netw]
		if !ok {
			m = make(map[string]int)
			services[netw] = m
		}
		m[f[0]] = len(f)
	}
}

func Port(lines [][]string, netw string) map[string]int {
	servicesOnce.Do(func() { readServices(lines) })
	return services[netw]
}

var onceTable = map[string]*Template{}

var loadTable = sync.OnceFunc(fillTable)

func fillTable() {
	for _, line := range strings.Split("a b c", " ") {
		if _, ok := onceTable[line]; !ok {
			onceTable[line] = &Template{src: line}
		}
	}
}

// Negative: the key is read through a getter of a value the caller made
// (internal/godebug: lookup(s.Name())).
type Setting2 struct{ name string }

func (s *Setting2) Name() string { return s.name }

var settings2 = map[string]*setting{}

func (s *Setting2) Value() *setting { return lookup2(s.Name()) }

func lookup2(name string) *setting {
	if v, ok := settings2[name]; ok {
		return v
	}
	v := &setting{name: name}
	settings2[name] = v
	return v
}

// Negative: keyed by a hash computed from types (reflect's lookup caches).
var funcCache sync.Map

func fnv1(x uint32, list ...byte) uint32 {
	for _, b := range list {
		x = x*16777619 ^ uint32(b)
	}
	return x
}

func funcOf(in []*Template) *Template {
	var hash uint32
	for _, t := range in {
		hash = fnv1(hash, byte(len(t.src)))
	}
	if ts, ok := funcCache.Load(hash); ok {
		return ts.(*Template)
	}
	t := &Template{}
	funcCache.Store(hash, t)
	return t
}

type header map[string][]string

func (h header) get(k string) string {
	if v := h[k]; len(v) > 0 {
		return v[0]
	}
	return ""
}

type httpRequest struct{ hdr header }

type session struct{ id string }

// Positive: the key is looked up in a header read from the request.
var headerSessions sync.Map

func sessionFor(r *httpRequest) *session {
	id := r.hdr.get("X-Session")
	s, _ := headerSessions.LoadOrStore(id, &session{id: id}) // want `entries of headerSessions are created on demand and never removed`
	return s.(*session)
}

type rpcService struct{ rcvr reflect.Value }

// Negative: net/rpc's service map: the key is a type's name, got through
// getters without arguments, bounded by the program's types.
var rpcServices sync.Map

func registerService(rcvr any) {
	s := &rpcService{rcvr: reflect.ValueOf(rcvr)}
	name := reflect.Indirect(s.rcvr).Type().Name()
	if _, ok := rpcServices.Load(name); !ok {
		rpcServices.LoadOrStore(name, s)
	}
}

// Positive: the existing entry is handed out after the insertion: the
// lookup before it only tests for presence.
var styles = map[string]*setting{}

func Style(name string) *setting {
	if _, ok := styles[name]; !ok {
		styles[name] = &setting{name: name} // want `entries of styles are created on demand and never removed`
	}
	return styles[name]
}

// Negative: a registry that creates its entry but refuses a duplicate
// (groupcache's NewGroup): a hit hands nothing out, so each key is created
// once, by the caller that names it.
type Group struct{ name string }

var groups = map[string]*Group{}

func NewGroup(name string) *Group {
	if _, dup := groups[name]; dup {
		panic("duplicate registration of group " + name)
	}
	g := &Group{name: name}
	groups[name] = g
	return g
}

// Negative: the same refusal through sync.Map.LoadOrStore's loaded result.
var plugins sync.Map

func Plugin(name string) *Group {
	g := &Group{name: name}
	if _, loaded := plugins.LoadOrStore(name, g); loaded {
		panic("duplicate plugin " + name)
	}
	return g
}

// Negative: bindings accumulated per key (viper's BindEnv): the lookup is
// part of the new value or sits in the other branch; nothing is looked up
// to be reused.
type Binder struct {
	env map[string][]string
}

var binder = &Binder{env: map[string][]string{}}

func (b *Binder) Bind(input ...string) {
	key := strings.ToLower(input[0])
	if len(input) == 1 {
		b.env[key] = append(b.env[key], strings.ToUpper(key))
	} else {
		b.env[key] = append(b.env[key], input[1:]...)
	}
}

// Negative: a list per key grown by registrations (mime's extensions): the
// entry read back is extended with what the caller passes; nothing is
// created to be reused.
var extensions sync.Map

func AddExtension(typ, ext string) {
	var exts []string
	if e, ok := extensions.Load(strings.ToLower(typ)); ok {
		exts = e.([]string)
	}
	extensions.Store(strings.ToLower(typ), append(exts, ext))
}

// Negative: part of the key is a field of an element of a fixed table
// (gopls' latency counters, keyed by operation and bucket name).
type latencyKey struct{ operation, bucket string }

var latencyBuckets = []struct {
	end  int
	name string
}{{10, "<10ms"}, {100, "<100ms"}, {1000, "<1s"}}

var latencyCounters = map[latencyKey]*setting{}

func latencyCounter(operation, bucket string) *setting {
	key := latencyKey{operation, bucket}
	c, ok := latencyCounters[key]
	if !ok {
		c = &setting{name: operation + bucket}
		latencyCounters[key] = c
	}
	return c
}

func recordLatency(ms int) {
	for i := range latencyBuckets {
		if ms < latencyBuckets[i].end {
			latencyCounter("didOpen", latencyBuckets[i].name)
			return
		}
	}
}

// Positive: the same keyed by an element of a table that the package
// fills at run time: not fixed.
var learned = []string{"a"}

var learnedCounters = map[string]*setting{}

func learnedCounter(name string) *setting {
	c, ok := learnedCounters[name]
	if !ok {
		c = &setting{name: name}
		learnedCounters[name] = c // want `entries of learnedCounters are created on demand and never removed`
	}
	return c
}

func Learn(r *request) {
	learned = append(learned, r.path)
	_ = learnedCounter(learned[len(learned)-1])
}
