package weakmap

import (
	"runtime"
	"sync"
	"weak"
)

// A cleanup prunes only if it is attached to the referent of the entry.

type font struct{ glyphs []byte }

// Positive: the finalizer is set on the registry itself, which owns the
// map: it sweeps only when the whole registry is collected.
type fontRegistry struct {
	mu    sync.Mutex
	fonts map[string]weak.Pointer[font] // want `entries of fontRegistry.fonts are removed only by a cleanup attached to r, which owns the map`
}

func NewFontRegistry() *fontRegistry {
	r := &fontRegistry{fonts: map[string]weak.Pointer[font]{}}
	runtime.SetFinalizer(r, func(r *fontRegistry) {
		for name, wp := range r.fonts {
			if wp.Value() == nil {
				delete(r.fonts, name)
			}
		}
	})
	return r
}

func (r *fontRegistry) Add(name string, f *font) { // want Add:`keeps\(weak 1 in \[\-1\]\)`
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fonts[name] = weak.Make(f)
}

// Positive: the cleanup is attached to the slot that the sync.Map holds:
// it never runs while the slot is stored.
type slot struct {
	wp weak.Pointer[font]
}

type slots struct {
	sm sync.Map // want `entries of slots.sm are removed only by a cleanup attached to s, which the map itself holds`
}

func (c *slots) Put(name string, f *font) { // want Put:`keeps\(weak 1 in \[\-1\]\)`
	s := &slot{wp: weak.Make(f)}
	c.sm.Store(name, s)
	runtime.AddCleanup(s, func(name string) { c.sm.CompareAndDelete(name, s) }, name)
}

// Quiet: a tree whose nodes are all of one type; the cleanup is attached
// to the child (the referent), and deletes from its parent's map.
type node struct {
	mu   sync.Mutex
	kids map[string]weak.Pointer[node]
}

func (p *node) Adopt(name string, child *node) { // want Adopt:`keeps\(weak 1 in \[\-1\]\)`
	wp := weak.Make(child)
	p.mu.Lock()
	p.kids[name] = wp
	p.mu.Unlock()
	runtime.AddCleanup(child, func(name string) {
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.kids[name] == wp {
			delete(p.kids, name)
		}
	}, name)
}

// Quiet: the map is handed to a cleanup attached to the referent, as its
// argument; the cleanup prunes it.
type fontIndex struct {
	byName map[string]weak.Pointer[font]
}

func (x *fontIndex) Add(name string, f *font) { // want Add:`keeps\(weak 1 in \[\-1\]\)`
	wp := weak.Make(f)
	x.byName[name] = wp
	runtime.AddCleanup(f, func(m map[string]weak.Pointer[font]) {
		if m[name] == wp {
			delete(m, name)
		}
	}, x.byName)
}

// Positive: a finalizer method on the pool, which owns the map.
type conn struct{ fd int }

type pool struct {
	mu    sync.Mutex
	conns map[int]weak.Pointer[conn] // want `entries of pool.conns are removed only by a cleanup attached to p, which owns the map`
}

func (p *pool) sweep() {
	for fd, wp := range p.conns {
		if wp.Value() == nil {
			delete(p.conns, fd)
		}
	}
}

func NewPool() *pool {
	p := &pool{conns: map[int]weak.Pointer[conn]{}}
	runtime.SetFinalizer(p, (*pool).sweep)
	return p
}

func (p *pool) Add(c *conn) { // want Add:`keeps\(weak 0 in \[\-1\]\)`
	p.mu.Lock()
	defer p.mu.Unlock()
	p.conns[c.fd] = weak.Make(c)
}

// Positive: the cleanup is attached to the map's own entry.
type tab struct {
	wp weak.Pointer[font]
}

type tabs struct {
	m map[string]*tab // want `entries of tabs.m are removed only by a cleanup attached to t.m\[name\], which the map itself holds`
}

func (t *tabs) Open(name string, f *font) { // want Open:`keeps\(weak 1 in \[\-1\]\)`
	t.m[name] = &tab{wp: weak.Make(f)}
	runtime.AddCleanup(t.m[name], func(name string) { delete(t.m, name) }, name)
}
