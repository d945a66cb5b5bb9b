// Package unindex registers cleanups whose argument is copied out of the
// object: an id that names the object's entry in a weak index is no
// resource, and a call of the cleanup function itself is no use of what
// the cleanup frees.
package unindex

import (
	"runtime"
	"sync"
	"syscall"
	"weak"
)

type Entity struct {
	ID   uint64
	Name string
}

type World struct {
	mu    sync.Mutex
	index map[uint64]weak.Pointer[Entity]
	next  uint64
}

func (w *World) Spawn(name string) *Entity {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.next++
	e := &Entity{ID: w.next, Name: name}
	w.index[e.ID] = weak.Make(e)
	runtime.AddCleanup(e, w.unindex, e.ID)
	return e
}

func (w *World) unindex(id uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if wp, ok := w.index[id]; ok && wp.Value() == nil {
		delete(w.index, id)
	}
}

func (w *World) lookup(id uint64) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, ok := w.index[id]
	return ok
}

// The id outlives the entity harmlessly: the cleanup only drops its index entry.
func (w *World) Known(e *Entity) bool {
	return w.lookup(e.ID)
}

// Socket owns a descriptor that its cleanup closes.
type Socket struct {
	fd     int
	closed bool
}

func closeFD(fd int) { syscall.Close(fd) }

func Dial(fd int) *Socket {
	s := &Socket{fd: fd}
	runtime.AddCleanup(s, closeFD, s.fd)
	return s
}

// Close calls the cleanup function itself: the cleanup running early would
// do the same, and KeepAlive changes nothing.
func (s *Socket) Close() {
	s.closed = true
	closeFD(s.fd)
}

func (s *Socket) Write(b []byte) (int, error) {
	return syscall.Write(s.fd, b) // want `s.fd is used after the last use of s, whose cleanup releases it`
}
