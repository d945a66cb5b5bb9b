package runtimeweak

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"weak"

	"github.com/weaklint/weaklint/runtimeweak/internal/cleanupcount"
)

// Callback is a function of E bound weakly to a receiver, as Method makes
// them: Call reports false, and does nothing, once the receiver has been
// collected. Only this package implements it, because Listeners needs to
// know when the receiver goes.
type Callback[E any] interface {
	Call(e E) bool
	Alive() bool
	attach(done func()) (runtime.Cleanup, bool)
}

// Listeners is an observer list that holds its listeners' receivers weakly:
// subscribing an object does not keep it alive, and its subscription is
// removed some time after it has been collected. It is safe for concurrent
// use; listeners may subscribe, unsubscribe and emit from within a listener.
// The zero Listeners is empty and ready to use; a Listeners must not be
// copied after first use.
type Listeners[E any] struct {
	mu   sync.Mutex                     // serializes changes to list
	list atomic.Pointer[[]*listener[E]] // never modified once published: Emit reads it without locking
}

// listener is one subscription. It is also the argument of the cleanup on
// the receiver, so it holds the list weakly: a list kept alive by its
// subscribers' pending cleanups would outlive its owner.
type listener[E any] struct {
	cb      Callback[E]
	owner   weak.Pointer[Listeners[E]]
	cleanup runtime.Cleanup
	done    atomic.Bool // set once, by whichever of Remove and the cleanup comes first
}

// Add subscribes cb and returns a function that unsubscribes it (calling it
// again does nothing). A callback whose receiver is already gone is not
// added. The same callback added twice is called twice.
func (l *Listeners[E]) Add(cb Callback[E]) (remove func()) {
	if cb == nil {
		panic("runtimeweak: Listeners.Add with a nil callback")
	}
	ent := &listener[E]{cb: cb, owner: weak.Make(l)}
	c, ok := cb.attach(ent.collected)
	if !ok {
		return func() {}
	}
	ent.cleanup = c
	cleanupcount.Registered()

	l.mu.Lock()
	if !ent.done.Load() { // the receiver may have gone already
		l.publish(append(l.snapshot(), ent))
	}
	l.mu.Unlock()
	return ent.remove
}

// collected is the cleanup on the receiver.
func (ent *listener[E]) collected() {
	if ent.done.CompareAndSwap(false, true) {
		cleanupcount.Settled()
	}
	if l := ent.owner.Value(); l != nil {
		l.drop(ent)
	}
}

func (ent *listener[E]) remove() {
	if ent.done.CompareAndSwap(false, true) {
		cleanupcount.Settled()
		ent.cleanup.Stop()
	}
	if l := ent.owner.Value(); l != nil {
		l.drop(ent)
	}
}

// Emit calls every listener whose receiver is alive with e, in the order
// they were added, and returns how many it called. Listeners added or
// removed during Emit may or may not be called by it. Listeners found dead
// are removed.
func (l *Listeners[E]) Emit(e E) int {
	called, dead := 0, false
	for _, ent := range l.snapshot() {
		if ent.cb.Call(e) {
			called++
		} else {
			dead = true
		}
	}
	if dead {
		l.pruneDead()
	}
	return called
}

// Len returns the number of listeners. Those whose receiver was collected
// are counted until their cleanup or an Emit removes them.
func (l *Listeners[E]) Len() int { return len(l.snapshot()) }

// snapshot returns the current list, which must not be modified.
func (l *Listeners[E]) snapshot() []*listener[E] {
	if p := l.list.Load(); p != nil {
		return *p
	}
	return nil
}

// publish replaces the list; l.mu must be held.
func (l *Listeners[E]) publish(list []*listener[E]) {
	if len(list) == 0 {
		list = nil
	}
	l.list.Store(&list)
}

// drop removes ent from the list, if it is there.
func (l *Listeners[E]) drop(ent *listener[E]) {
	l.mu.Lock()
	defer l.mu.Unlock()
	old := l.snapshot()
	if i := slices.Index(old, ent); i >= 0 {
		l.publish(slices.Delete(slices.Clone(old), i, i+1))
	}
}

// pruneDead removes the listeners whose receiver was collected.
func (l *Listeners[E]) pruneDead() {
	l.mu.Lock()
	defer l.mu.Unlock()
	old := l.snapshot()
	live := slices.DeleteFunc(slices.Clone(old), func(ent *listener[E]) bool { return !ent.cb.Alive() })
	if len(live) != len(old) {
		l.publish(live)
	}
}
