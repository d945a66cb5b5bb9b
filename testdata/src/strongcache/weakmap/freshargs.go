package weakmap

import (
	"runtime"
	"sync"
	"sync/atomic"
	"weak"
)

// A cleanup given a struct argument deletes the key held in one of its
// fields. When the registration fills that field with an id fresh from a
// counter, no newer value is ever stored under it, and the unconditional
// delete is right; with a key the caller chose, it is not.

type cursor struct {
	id    uint64
	total int
}

type cursorArg struct {
	r  *cursors
	id uint64
}

type cursors struct {
	next atomic.Uint64
	m    sync.Map // id -> weak.Pointer[cursor]
}

func cursorDone(a cursorArg) { a.r.m.Delete(a.id) }

func (r *cursors) open(total int) *cursor {
	c := &cursor{id: r.next.Add(1), total: total}
	r.m.Store(c.id, weak.Make(c))
	runtime.AddCleanup(c, cursorDone, cursorArg{r: r, id: c.id})
	return c
}

func (r *cursors) openLocal(total int) *cursor {
	c := &cursor{id: r.next.Add(1), total: total}
	r.m.Store(c.id, weak.Make(c))
	arg := &cursorArg{r: r, id: c.id}
	runtime.AddCleanup(c, namedDone, arg)
	return c
}

func namedDone(a *cursorArg) { a.r.m.Delete(a.id) }

type named struct {
	mu sync.Mutex
	m  map[string]weak.Pointer[cursor]
}

type namedArg struct {
	n   *named
	key string
}

func namedForget(a namedArg) {
	a.n.mu.Lock()
	delete(a.n.m, a.key) // want `cleanup deletes the entry of named.m unconditionally`
	a.n.mu.Unlock()
}

func (n *named) put(key string, c *cursor) {
	n.mu.Lock()
	n.m[key] = weak.Make(c)
	n.mu.Unlock()
	runtime.AddCleanup(c, namedForget, namedArg{n: n, key: key})
}
