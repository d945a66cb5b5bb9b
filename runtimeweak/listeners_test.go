package runtimeweak

import (
	"runtime"
	"sync"
	"testing"

	"github.com/weaklint/weaklint/runtimeweak/weaktest"
)

func TestListenersEmitAndRemove(t *testing.T) {
	var bus Listeners[int]
	a, b := &subscriber{name: "a"}, &subscriber{name: "b"}
	removeA := bus.Add(Method(a, (*subscriber).OnEvent))
	bus.Add(Method(b, (*subscriber).OnEvent))
	if n := bus.Emit(1); n != 2 {
		t.Errorf("Emit called %d listeners, want 2", n)
	}
	removeA()
	removeA() // a second call does nothing
	if n := bus.Emit(10); n != 1 || bus.Len() != 1 {
		t.Errorf("after remove: Emit called %d, Len %d; want 1, 1", n, bus.Len())
	}
	if a.events.Load() != 1 || b.events.Load() != 11 {
		t.Errorf("a got %d, b got %d; want 1, 11", a.events.Load(), b.events.Load())
	}
}

// The observer case: the bus lives on, the subscriber is collected, and its
// subscription goes without anyone unsubscribing.
func TestListenersDropCollectedSubscribers(t *testing.T) {
	var bus Listeners[int]
	kept := &subscriber{name: "kept"}
	bus.Add(Method(kept, (*subscriber).OnEvent))
	weaktest.Collected(t, func() *subscriber {
		s := &subscriber{name: "dies"}
		bus.Add(Method(s, (*subscriber).OnEvent))
		bus.Emit(1)
		return s
	})
	if n := bus.Len(); n != 1 { // the receiver's cleanup removed it, no Emit needed
		t.Errorf("Len() = %d after the subscriber was collected, want 1", n)
	}
	if n := bus.Emit(1); n != 1 {
		t.Errorf("Emit called %d listeners, want 1", n)
	}
	runtime.KeepAlive(kept)
}

func TestListenersDoNotKeepTheBusAlive(t *testing.T) {
	s := &subscriber{name: "outlives the bus"}
	weaktest.Collected(t, func() *Listeners[int] {
		bus := new(Listeners[int])
		bus.Add(Method(s, (*subscriber).OnEvent))
		return bus
	})
	runtime.KeepAlive(s)
}

func TestListenersLeaveNothingPending(t *testing.T) {
	weaktest.NoLeak(t, func() {
		var bus Listeners[int]
		for range 3 {
			bus.Add(Method(&subscriber{}, (*subscriber).OnEvent))
		}
		s := &subscriber{}
		remove := bus.Add(Method(s, (*subscriber).OnEvent))
		bus.Emit(1)
		remove()
	})
}

func TestListenersChangedFromWithinAListener(t *testing.T) {
	var bus Listeners[int]
	r := &reentrant{bus: &bus}
	bus.Add(Method(r, (*reentrant).OnEvent))
	bus.Emit(1) // adds a listener and removes it again, under Emit
	if n := bus.Len(); n != 1 {
		t.Errorf("Len() = %d, want 1", n)
	}
	runtime.KeepAlive(r)
}

type reentrant struct {
	bus   *Listeners[int]
	inner subscriber
}

func (r *reentrant) OnEvent(n int) {
	if n == 0 {
		return // the inner Emit calls this listener too
	}
	remove := r.bus.Add(Method(&r.inner, (*subscriber).OnEvent))
	r.bus.Emit(0)
	remove()
}

// Emitters, subscribers that come and go, and the collector, all at once;
// run with -race.
func TestListenersConcurrentEmitSubscribeCollect(t *testing.T) {
	var bus Listeners[int]
	kept := make([]*subscriber, 4)
	for i := range kept {
		kept[i] = &subscriber{}
		bus.Add(Method(kept[i], (*subscriber).OnEvent))
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for range 2000 {
				if n := bus.Emit(1); n < len(kept) {
					t.Errorf("Emit called %d listeners, fewer than the %d kept alive", n, len(kept))
					return
				}
			}
		})
	}
	for range 2 {
		wg.Go(func() {
			for i := range 500 {
				s := &subscriber{}
				remove := bus.Add(Method(s, (*subscriber).OnEvent))
				if i%2 == 0 {
					remove() // half unsubscribe, the rest are collected
				}
			}
		})
	}
	wg.Go(func() {
		for range 10 {
			runtime.GC()
		}
	})
	wg.Wait()

	gcUntil(t, "the collected subscribers' listeners are removed", func() bool { return bus.Len() == len(kept) })
	for _, s := range kept {
		if s.events.Load() < 4000 {
			t.Errorf("a kept subscriber got %d events, want at least 4000", s.events.Load())
		}
	}
	runtime.KeepAlive(kept)
}
