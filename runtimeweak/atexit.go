package runtimeweak

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"
)

// finalizerSeq numbers finalizers in creation order.
var finalizerSeq atomic.Uint64

func nextFinalizerSeq() uint64 { return finalizerSeq.Add(1) }

// exitCaller is a Finalizer of any type on the shutdown list.
type exitCaller interface{ Call() bool }

// exitList holds the finalizers marked with AtExit(true) that are still
// alive, with their creation numbers. Its lock is taken after a
// finalizer's own lock, never before.
var exitList shutdownList

type shutdownList struct {
	mu sync.Mutex
	m  map[exitCaller]uint64
}

func (l *shutdownList) add(f exitCaller, seq uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.m == nil {
		l.m = make(map[exitCaller]uint64)
	}
	l.m[f] = seq
}

func (l *shutdownList) remove(f exitCaller) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.m, f)
}

// RunAtExit calls every alive finalizer marked with AtExit(true), newest
// first (the order of Python's atexit finalizers). A program calls it on its way out, for example deferred in main:
// Go runs no cleanups at exit. Finalizers that run concurrently by other
// means are not called twice. Finalizers marked after RunAtExit has started
// are left for a later call.
func RunAtExit() {
	type marked struct {
		f   exitCaller
		seq uint64
	}
	exitList.mu.Lock()
	list := make([]marked, 0, len(exitList.m))
	for f, seq := range exitList.m {
		list = append(list, marked{f, seq})
	}
	exitList.mu.Unlock()

	slices.SortFunc(list, func(a, b marked) int { return cmp.Compare(b.seq, a.seq) })
	for _, m := range list {
		m.f.Call() // false if it was settled since the snapshot
	}
}
