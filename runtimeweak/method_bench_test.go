package runtimeweak

import (
	"sync"
	"testing"
	"weak"
)

// Dispatch through a WeakMethod beside a direct call of the method value it
// replaces, for a handler that does almost nothing (the cost of the call
// itself) and for one that does an observer's usual work (update state under
// a lock). Method's own cost is one weak.Pointer.Value: compare "method" with
// "weak-by-hand".
func BenchmarkMethodDispatch(b *testing.B) {
	b.Run("add", func(b *testing.B) {
		benchDispatch(b, (*benchHandler).Add, func(h *benchHandler) func(int) { return h.Add })
	})
	b.Run("locked", func(b *testing.B) {
		benchDispatch(b, (*benchHandler).Record, func(h *benchHandler) func(int) { return h.Record })
	})
}

type benchHandler struct {
	n    int
	mu   sync.Mutex
	seen map[int]int
}

// Add is not inlined, so that every variant makes the same call to it.
//
//go:noinline
func (h *benchHandler) Add(e int) { h.n += e }

func (h *benchHandler) Record(e int) {
	h.mu.Lock()
	h.seen[e&63]++
	h.mu.Unlock()
}

// benchDispatch compares calls of the method expression fn through Method
// with calls of the method value bound returns.
func benchDispatch(b *testing.B, fn func(*benchHandler, int), bound func(*benchHandler) func(int)) {
	h := &benchHandler{seen: map[int]int{}}
	b.Run("direct", func(b *testing.B) {
		defer reportCPU(b)()
		call := bound(h) // h.Add: what an observer list would hold, keeping h alive
		for i := 0; b.Loop(); i++ {
			call(i)
		}
	})
	b.Run("method", func(b *testing.B) {
		defer reportCPU(b)()
		m := Method(h, fn)
		for i := 0; b.Loop(); i++ {
			m.Call(i)
		}
	})
	b.Run("weak-by-hand", func(b *testing.B) {
		defer reportCPU(b)()
		w := weak.Make(h)
		for i := 0; b.Loop(); i++ {
			if p := w.Value(); p != nil {
				fn(p, i)
			}
		}
	})
	b.Run("emit-1", func(b *testing.B) {
		defer reportCPU(b)()
		var bus Listeners[int]
		bus.Add(Method(h, fn))
		for i := 0; b.Loop(); i++ {
			bus.Emit(i)
		}
	})
	b.Run("funcs-1", func(b *testing.B) { // the strong observer list Listeners replaces
		defer reportCPU(b)()
		funcs := []func(int){bound(h)}
		for i := 0; b.Loop(); i++ {
			for _, f := range funcs {
				f(i)
			}
		}
	})
}
