package a

import (
	"io"
	"runtime"
	"sync"
	"weak"
)

// Registries: a package-level map or slice that holds the object keeps it
// reachable, so a cleanup whose job is to remove it from there never runs.

type worker struct {
	id   int
	jobs chan int
}

var (
	workersMu sync.Mutex
	workers   = map[int]*worker{}
	everyone  []*worker
)

func spawnRegistered(id int) *worker {
	w := &worker{id: id}
	workersMu.Lock()
	workers[id] = w
	workersMu.Unlock()
	runtime.AddCleanup(w, func(id int) { // want `w is held by package-level workers, so it is never collected and the cleanup that removes it from workers never runs`
		workersMu.Lock()
		delete(workers, id)
		workersMu.Unlock()
	}, id)
	return w
}

func register(w *worker) { everyone = append(everyone, w) }

func unregister(w *worker) {
	for i, x := range everyone {
		if x == w {
			everyone = append(everyone[:i], everyone[i+1:]...)
		}
	}
}

func spawnThroughHelper(id int) *worker {
	w := &worker{id: id}
	register(w)
	runtime.SetFinalizer(w, unregister) // want `w is held by package-level everyone, so it is never collected and the finalizer that removes it from everyone never runs`
	return w
}

// Quiet: the registry holds weak pointers or plain ids.

var (
	weakWorkers = map[int]weak.Pointer[worker]{}
	liveIDs     = map[int]bool{}
)

func spawnWeak(id int) *worker {
	w := &worker{id: id}
	workersMu.Lock()
	weakWorkers[id] = weak.Make(w)
	workersMu.Unlock()
	runtime.AddCleanup(w, func(id int) {
		workersMu.Lock()
		delete(weakWorkers, id)
		workersMu.Unlock()
	}, id)
	return w
}

func spawnCounted(id int) *worker {
	w := &worker{id: id}
	liveIDs[id] = true
	runtime.AddCleanup(w, func(id int) { delete(liveIDs, id) }, id)
	return w
}

// Quiet: stored in a package-level map, but the cleanup does not touch it
// (something else removes the entry; the cleanup is a later backstop).
func spawnExplicitRemoval(id int) *worker {
	w := &worker{id: id}
	workers[id] = w
	runtime.AddCleanup(w, func(ch chan int) { close(ch) }, w.jobs)
	return w
}

// Func and interface fields the function itself set are not opaque.

type handle struct {
	fd      int
	onClose func()
	closer  io.Closer
}

func (h *handle) Close() error { return nil }

type fdCloser int

func (fdCloser) Close() error { return nil }

func funcFieldCapturesObject(fd int) *handle {
	h := &handle{fd: fd}
	h.onClose = func() { h.Close() }
	runtime.AddCleanup(h, func(f func()) { f() }, h.onClose) // want `cleanup argument h.onClose, which holds a closure capturing h, so h is never collected`
	return h
}

func funcFieldCapturesCopy(fd int) *handle {
	h := &handle{fd: fd}
	h.onClose = func() { _ = fd }
	runtime.AddCleanup(h, func(f func()) { f() }, h.onClose)
	return h
}

func interfaceFieldIsObject(fd int) *handle {
	h := &handle{fd: fd}
	h.closer = h
	runtime.AddCleanup(h, func(c io.Closer) { c.Close() }, h.closer) // want `cleanup argument h.closer, which refers to h`
	return h
}

func interfaceFieldIsValue(fd int) *handle {
	h := &handle{fd: fd}
	h.closer = fdCloser(fd)
	runtime.AddCleanup(h, func(c io.Closer) { c.Close() }, h.closer)
	return h
}
