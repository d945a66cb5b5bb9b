package weakmap

import (
	"runtime"
	"sync"
	"sync/atomic"
	"weak"
)

// A cleanup that removes its entry through a helper (a method value bound
// to the referent's owner that calls w.unsubscribe(id)) deletes the key
// the helper is given: when the registration passes an id fresh from a
// counter, the unconditional delete is right, as if written inline.

type sub struct {
	w  *subTable
	id int
}

type subTable struct {
	mu   sync.Mutex
	next int
	subs map[int]weak.Pointer[sub]
}

func (t *subTable) unsubscribe(id int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.subs, id)
}

func (s *sub) detach(id int) { s.w.unsubscribe(id) }

type detachArg struct{ t *subTable }

func (a detachArg) detach(id int) { a.t.unsubscribe(id) }

func (t *subTable) subscribe() *sub {
	t.mu.Lock()
	t.next++
	id := t.next
	s := &sub{w: t, id: id}
	t.subs[id] = weak.Make(s)
	t.mu.Unlock()
	runtime.AddCleanup(s, detachArg{t}.detach, id)
	runtime.AddCleanup(s, func(id int) { t.unsubscribe(id) }, id)
	return s
}

type namedSubs struct {
	mu   sync.Mutex
	subs map[string]weak.Pointer[sub]
}

func (n *namedSubs) drop(name string) {
	n.mu.Lock()
	delete(n.subs, name)
	n.mu.Unlock()
}

func (n *namedSubs) subscribe(name string) *sub {
	s := &sub{}
	n.mu.Lock()
	n.subs[name] = weak.Make(s)
	n.mu.Unlock()
	runtime.AddCleanup(s, func(name string) {
		n.drop(name) // want `cleanup deletes the entry of namedSubs.subs unconditionally`
	}, name)
	return s
}

// A map keyed by the referent's own id (m[c.ID] = weak.Make(c)), an id
// each object takes once from a counter when it is made and that nothing
// changes later, only ever holds the weak pointer of the object with that
// id: no newer value can be stored under the key of a dead one.

var connSeq atomic.Int64

type idConn struct {
	ID   int64
	Addr string
}

func dialID(addr string) *idConn {
	return &idConn{ID: connSeq.Add(1), Addr: addr}
}

type idPool struct {
	mu     sync.Mutex
	leased map[int64]weak.Pointer[idConn]
}

func (p *idPool) put(c *idConn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.leased, c.ID)
}

type idLease struct{ c *idConn }

func (p *idPool) lease(addr string) *idLease {
	c := dialID(addr)
	p.mu.Lock()
	p.leased[c.ID] = weak.Make(c)
	p.mu.Unlock()
	l := &idLease{c: c}
	runtime.AddCleanup(l, p.put, c)
	runtime.AddCleanup(l, func(c *idConn) { p.put(c) }, c)
	return l
}

// The same shape with an id the caller can change (renumber) is not an
// identity: another object may come to carry the id of a dead one.

type tagConn struct{ Tag int64 }

type tagPool struct {
	mu     sync.Mutex
	leased map[int64]weak.Pointer[tagConn]
}

func (p *tagPool) put(c *tagConn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.leased, c.Tag) // want `cleanup deletes the entry of tagPool.leased unconditionally`
}

func newTagConn() *tagConn { return &tagConn{Tag: connSeq.Add(1)} }

func renumber(c *tagConn, tag int64) { c.Tag = tag }

func (p *tagPool) lease() *idLease {
	c := newTagConn()
	p.mu.Lock()
	p.leased[c.Tag] = weak.Make(c)
	p.mu.Unlock()
	l := &idLease{}
	runtime.AddCleanup(l, p.put, c)
	return l
}
