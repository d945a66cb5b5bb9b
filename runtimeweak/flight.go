package runtimeweak

import "sync"

// flightGroup makes concurrent creations for one key share a single call, in
// the way of golang.org/x/sync/singleflight, but returning the created value
// to every waiter directly: a waiter must not reload it through a weak
// pointer, which may already be nil if the creator dropped it.
type flightGroup[K comparable, V any] struct {
	mu      sync.Mutex
	pending map[K]*flight[V]
}

type flight[V any] struct {
	done chan struct{}
	v    *V
	ok   bool // create returned (false if it panicked)
}

// do returns load(k) if it succeeds under the group's lock, else the result
// of the one create call in progress for k, starting it if there is none.
// load is rechecked under the lock because a creation may have finished
// between the caller's own miss and now.
func (g *flightGroup[K, V]) do(k K, load func(K) (*V, bool), create func() *V) *V {
	for {
		g.mu.Lock()
		if v, ok := load(k); ok {
			g.mu.Unlock()
			return v
		}
		if f, ok := g.pending[k]; ok {
			g.mu.Unlock()
			<-f.done
			if f.ok {
				return f.v
			}
			continue // the creator panicked: try again
		}
		f := &flight[V]{done: make(chan struct{})}
		if g.pending == nil {
			g.pending = make(map[K]*flight[V])
		}
		g.pending[k] = f
		g.mu.Unlock()
		return g.run(k, f, create)
	}
}

// run calls create and publishes its result; the deferred part runs even if
// create panics, so that waiters are never stranded.
func (g *flightGroup[K, V]) run(k K, f *flight[V], create func() *V) *V {
	defer func() {
		g.mu.Lock()
		delete(g.pending, k)
		g.mu.Unlock()
		close(f.done)
	}()
	f.v = create()
	f.ok = true
	return f.v
}
