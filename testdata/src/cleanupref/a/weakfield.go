package a

import (
	"runtime"
	"sync"
	"sync/atomic"
	"weak"
)

// table maps ids to its objects weakly; each object points to its table.
type table struct {
	mu   sync.Mutex
	objs map[int]weak.Pointer[entry]
}

func (t *table) forget(id int) { t.mu.Lock(); delete(t.objs, id); t.mu.Unlock() }

type entry struct {
	id   int
	tbl  *table
	self weak.Pointer[entry]
}

// A weak pointer back to the object does not keep it alive.
func weakBackPointers(t *table) *entry {
	e := &entry{id: 1, tbl: t}
	e.self = weak.Make(e)
	t.objs[e.id] = e.self
	runtime.AddCleanup(e, e.tbl.forget, e.id)
	tbl := e.tbl
	runtime.AddCleanup(e, func(id int) { tbl.forget(id) }, e.id)
	runtime.AddCleanup(e, func(w weak.Pointer[entry]) {}, e.self)
	return e
}

// An atomic.Pointer is a strong pointer.
type session struct {
	conn *sessConn
	id   int
}

type sessConn struct {
	owner atomic.Pointer[session]
	fd    int
}

func atomicBackPointer() {
	s := &session{conn: &sessConn{}}
	s.conn.owner.Store(s)
	runtime.AddCleanup(s, func(c *sessConn) {}, s.conn) // want `cleanup argument s.conn, which can point back to s`
	runtime.AddCleanup(s, closeFD, s.conn.fd)
}
