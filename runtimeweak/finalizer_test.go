package runtimeweak

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"weak"
)

func TestFinalizerCallRunsOnce(t *testing.T) {
	obj := newPayload("obj")
	var calls []string
	f := NewFinalizer(obj, func(s string) { calls = append(calls, s) }, "arg")
	if !f.Alive() {
		t.Fatal("a new finalizer is not alive")
	}
	if got, arg, ok := f.Peek(); !ok || got != obj || arg != "arg" {
		t.Errorf("Peek = %v, %q, %v; want obj, arg, true", got, arg, ok)
	}
	if !f.Call() {
		t.Error("the first Call reported that fn did not run")
	}
	if f.Call() {
		t.Error("the second Call ran fn again")
	}
	if _, ok := f.Detach(); ok {
		t.Error("Detach after Call succeeded")
	}
	if f.Alive() {
		t.Error("alive after Call")
	}
	if got, _, ok := f.Peek(); ok || got != nil {
		t.Errorf("Peek after Call = %v, %v; want nil, false", got, ok)
	}
	obj = nil
	gcSome() // the stopped cleanup must not run fn again
	if !slices.Equal(calls, []string{"arg"}) {
		t.Errorf("fn calls = %q, want exactly one with arg", calls)
	}
}

// newDroppedFinalizer returns a finalizer whose object nothing references.
//
//go:noinline
func newDroppedFinalizer(fn func(int), arg int) (*Finalizer[payload, int], weak.Pointer[payload]) {
	obj := newPayload("dropped")
	return NewFinalizer(obj, fn, arg), weak.Make(obj)
}

func TestFinalizerRunsAfterCollection(t *testing.T) {
	var got atomic.Int64
	f, w := newDroppedFinalizer(func(a int) { got.Store(int64(a)) }, 42)
	gcUntil(t, "fn called by the collector", func() bool { return got.Load() == 42 })
	if w.Value() != nil || f.Alive() || f.Call() {
		t.Error("after collection: object alive, finalizer alive, or Call ran fn again")
	}
}

func TestFinalizerPeekDoesNotKeepObjectAlive(t *testing.T) {
	var ran atomic.Bool
	f, w := newDroppedFinalizer(func(int) { ran.Store(true) }, 0)
	if obj, _, ok := f.Peek(); ok != (obj != nil) || ok && obj != w.Value() {
		t.Errorf("Peek = %v, %v; ok must say whether obj is the live object", obj, ok)
	}
	gcUntil(t, "object collected while only the finalizer refers to it", func() bool { return ran.Load() })
	if obj, _, ok := f.Peek(); ok || obj != nil {
		t.Errorf("Peek after collection = %v, %v; want nil, false", obj, ok)
	}
}

func TestFinalizerDetach(t *testing.T) {
	var ran atomic.Bool
	f, w := newDroppedFinalizer(func(int) { ran.Store(true) }, 7)
	if arg, ok := f.Detach(); !ok || arg != 7 {
		t.Errorf("Detach = %d, %v; want 7, true", arg, ok)
	}
	if _, ok := f.Detach(); ok {
		t.Error("a second Detach succeeded")
	}
	gcUntil(t, "object collected", func() bool { return w.Value() == nil })
	gcSome()
	if ran.Load() || f.Call() {
		t.Error("fn ran after Detach")
	}
}

func TestNewFinalizerPanics(t *testing.T) {
	obj := newPayload("obj")
	for name, register := range map[string]func(){
		"nil object":        func() { NewFinalizer[payload](nil, func(int) {}, 0) },
		"nil function":      func() { NewFinalizer[payload, int](obj, nil, 0) },
		"arg is the object": func() { NewFinalizer(obj, func(*payload) {}, obj) }, //weaklint:ignore cleanupref the panic is under test
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: NewFinalizer did not panic", name)
				}
			}()
			register()
		}()
	}
}

func TestRunAtExit(t *testing.T) {
	objs := []*payload{newPayload("0"), newPayload("1"), newPayload("2"), newPayload("3")}
	var order []int
	record := func(i int) { order = append(order, i) }
	fs := make([]*Finalizer[payload, int], len(objs))
	for i, o := range objs {
		fs[i] = NewFinalizer(o, record, i)
	}
	fs[0].AtExit(true)
	fs[1].AtExit(true)
	fs[2].AtExit(true)
	fs[2].AtExit(false) // unmarked again
	fs[3].AtExit(true)
	fs[3].Call() // already run: RunAtExit must skip it
	RunAtExit()
	if want := []int{3, 1, 0}; !slices.Equal(order, want) {
		t.Errorf("calls = %v, want %v (by hand, then newest first)", order, want)
	}
	if !fs[2].Alive() {
		t.Error("RunAtExit ran an unmarked finalizer")
	}
	RunAtExit()
	if len(order) != 3 {
		t.Errorf("a second RunAtExit ran finalizers again: %v", order)
	}
	exitList.mu.Lock()
	left := len(exitList.m)
	exitList.mu.Unlock()
	if left != 0 {
		t.Errorf("%d finalizers left on the shutdown list", left)
	}
	fs[2].Detach()
	runtime.KeepAlive(objs)
}

// fn runs at most once when Call, RunAtExit and the collector race, and
// exactly once in the end.
func TestFinalizerAtMostOnceUnderRaces(t *testing.T) {
	const n = 400
	var runs [n]atomic.Int32
	var byCall atomic.Int32
	fs := make([]*Finalizer[payload, int], n)
	for i := range n {
		fs[i], _ = newDroppedFinalizer(func(i int) { runs[i].Add(1) }, i)
		if i%3 == 0 {
			fs[i].AtExit(true)
		}
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < n; i += 2 { // two goroutines per finalizer
				if fs[i].Call() {
					byCall.Add(1)
				}
				if i%50 == 0 {
					runtime.GC()
				}
			}
		})
	}
	wg.Go(func() {
		for range 10 {
			runtime.GC()
		}
	})
	wg.Go(RunAtExit)
	wg.Wait()
	gcUntil(t, "every fn called", func() bool {
		for i := range n {
			if runs[i].Load() == 0 {
				return false
			}
		}
		return true
	})
	gcSome()
	for i := range n {
		if r := runs[i].Load(); r != 1 {
			t.Errorf("finalizer %d ran %d times", i, r)
		}
	}
	t.Logf("%d of %d run by Call, the rest by the collector or RunAtExit", byCall.Load(), n)
}
