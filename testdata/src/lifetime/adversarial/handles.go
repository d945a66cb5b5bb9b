package adversarial

import (
	"runtime"
	"unsafe"

	"github.com/weaklint/weaklint/runtimeweak"
)

func glGenTexture() uintptr        { return 1 }
func glDeleteTexture(h uintptr)    {}
func glBindTexture(h uintptr)      {}
func glDraw(x, y, w int)           {}
func mmap(size int) unsafe.Pointer { return nil }
func munmap(p unsafe.Pointer)      {}

// Texture owns a GPU handle; a finalizer deletes it.
type Texture struct {
	handle uintptr // resource (unexported: no fact)
	w, h   int
}

func NewTexture(w, h int) *Texture {
	t := &Texture{handle: glGenTexture(), w: w, h: h}
	runtime.SetFinalizer(t, (*Texture).release)
	return t
}

func (t *Texture) release() { glDeleteTexture(t.handle) }

func (t *Texture) Bind() {
	glBindTexture(t.handle) // want `t.handle is used after the last use of t`
}

func (t *Texture) Size() (int, int) { return t.w, t.h }

func Draw(t *Texture, x, y int) {
	glBindTexture(t.handle)
	glDraw(x, y, t.w)
}

func (t *Texture) Free() {
	runtime.SetFinalizer(t, nil)
	glDeleteTexture(t.handle)
}

// Region is mapped memory; a cleanup unmaps it.
type Region struct {
	addr unsafe.Pointer // resource (unexported: no fact)
	size int
}

func Map(size int) *Region {
	r := &Region{addr: mmap(size), size: size}
	runtime.AddCleanup(r, munmap, r.addr)
	return r
}

// Bytes hands the mapping to the caller: a hazard for the caller, not a
// use in this function.
func (r *Region) Bytes() []byte { return unsafe.Slice((*byte)(r.addr), r.size) }

func (r *Region) At(i int) byte {
	return *(*byte)(unsafe.Add(r.addr, i)) // want `r.addr is used after the last use of r`
}

// Tx rolls back in a finalizer unless committed.
type Tx struct {
	id  int64 // resource (unexported: no fact)
	db  *DB
	fin *runtimeweak.Finalizer[Tx, int64] // own cleanup (unexported: no fact)
}

type DB struct{ open map[int64]bool }

func (db *DB) rollback(id int64)     {}
func (db *DB) commit(id int64) error { return nil }

func (db *DB) Begin(id int64) *Tx {
	t := &Tx{id: id, db: db}
	t.fin = runtimeweak.NewFinalizer(t, db.rollback, id)
	return t
}

func (t *Tx) Commit() error {
	t.fin.Detach()
	return t.db.commit(t.id)
}

func (t *Tx) Rollback() {
	t.db.rollback(t.id)
	t.fin.Detach() // want `Detach is the last use of t`
}
