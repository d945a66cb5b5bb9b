package adversarial

import (
	"weak"

	"github.com/weaklint/weaklint/runtimeweak"
)

type Str struct{ s string }

type Interner struct {
	m    runtimeweak.ValueMap[string, Str]
	syms runtimeweak.ValueMap[string, Sym]
	pts  runtimeweak.ValueMap[string, point]
}

func (in *Interner) Intern(s string) *Str {
	if v, ok := in.m.Load(s); ok {
		return v
	}
	v := &Str{s: s}
	in.m.Store(s, v)
	return v
}

func (in *Interner) Warm(keys []string) {
	for _, k := range keys {
		in.m.Store(k, &Str{s: k}) // want `runtimeweak.ValueMap.Store of a new object that nothing else keeps`
	}
}

// Sym is a 4-byte symbol id.
type Sym struct{ id uint32 }

func (in *Interner) Symbol(name string, id uint32) {
	in.syms.Store(name, &Sym{id}) // want `runtimeweak.ValueMap.Store of a 4-byte pointer-free object \(Sym\)`
}

func (in *Interner) Point(name string, x, y float32) *point {
	p := &point{x, y}
	in.pts.Store(name, p) // want `runtimeweak.ValueMap.Store of a 8-byte pointer-free object \(point\)`
	return p
}

type Entry struct {
	Key  string
	Data []byte
}

type Cache struct {
	m      map[string]weak.Pointer[Entry]
	strong map[string]*Entry
}

func (c *Cache) Put(k string, e *Entry) { c.m[k] = weak.Make(e) } // want Put:"referent\\(weak\\.Make arg=2 drops typed\\)"

func (c *Cache) Fill(keys []string) {
	for _, k := range keys {
		c.Put(k, &Entry{Key: k}) // want `weak.Make of a new object that nothing else keeps`
	}
}

func load(k string) *Entry { return &Entry{Key: k, Data: make([]byte, 8)} }

func (c *Cache) Get(k string) *Entry {
	e := load(k)
	c.Put(k, e)
	return e
}

type Self struct {
	self weak.Pointer[Self]
	name string
}

func NewSelf(name string) *Self {
	n := &Self{name: name}
	n.self = weak.Make(n)
	return n
}

type Blob struct {
	ID   string
	data []byte
}

func newBlob(id string, n int) *Blob { return &Blob{ID: id, data: make([]byte, n)} }

type BlobStore struct {
	byID   map[string]weak.Pointer[Blob]
	pinned map[string]*Blob
}

func (s *BlobStore) Prefetch(id string) {
	s.byID[id] = weak.Make(newBlob(id, 1024)) // want `weak.Make of a new object that nothing else keeps`
}

func (s *BlobStore) loadPinned(id string) *Blob {
	b := newBlob(id, 16)
	s.pinned[id] = b
	return b
}

func (s *BlobStore) Pin(id string) {
	s.byID[id] = weak.Make(s.loadPinned(id))
}
