package runtimeweak

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/weaklint/weaklint/runtimeweak/weaktest"
)

func TestRefValueGetAndEquality(t *testing.T) {
	p := newPayload("p")
	a := MakeRef(p, nil)
	b := MakeRef(p, func(Ref[payload]) {})
	if a != b {
		t.Error("two Refs made from the same object are not equal")
	}
	if a == MakeRef(newPayload("other"), nil) {
		t.Error("Refs to different objects are equal")
	}
	if v := a.Value(); v != p {
		t.Errorf("Value() = %p, want %p", v, p)
	}
	if v, err := a.Get(); v != p || err != nil {
		t.Errorf("Get() = %p, %v; want %p, nil", v, err, p)
	}
	if a.Pointer().Value() != p {
		t.Error("Pointer() does not point to the referent")
	}

	var zero Ref[payload]
	if zero != MakeRef[payload](nil, nil) {
		t.Error("MakeRef(nil, nil) is not the zero Ref")
	}
	if v, err := zero.Get(); v != nil || !errors.Is(err, ErrCollected) {
		t.Errorf("zero Ref: Get() = %p, %v; want nil, ErrCollected", v, err)
	}
}

func TestRefCallbackRunsOnceAfterCollection(t *testing.T) {
	var calls atomic.Int32
	var mu sync.Mutex // the callback runs on the cleanup goroutine
	var got, want Ref[payload]
	weaktest.Collected(t, func() *payload {
		p := newPayload("dies")
		want = MakeRef(p, func(r Ref[payload]) {
			mu.Lock()
			got = r
			mu.Unlock()
			calls.Add(1)
		})
		return p
	})
	if n := calls.Load(); n != 1 {
		t.Fatalf("callback ran %d times, want 1", n)
	}
	mu.Lock()
	defer mu.Unlock()
	if got != want {
		t.Error("callback did not receive the Ref it was made with")
	}
	if v, err := got.Get(); v != nil || !errors.Is(err, ErrCollected) {
		t.Errorf("after collection: Get() = %p, %v; want nil, ErrCollected", v, err)
	}
	gcSome()
	if n := calls.Load(); n != 1 {
		t.Errorf("callback ran %d times, want 1", n)
	}
}

// The use Python's weakref.ref(obj, callback) is made for: a map keyed by
// weak references whose entries remove themselves.
func TestRefCallbackDeletesItsMapEntry(t *testing.T) {
	var mu sync.Mutex
	names := map[Ref[payload]]string{}
	forget := func(r Ref[payload]) {
		mu.Lock()
		defer mu.Unlock()
		delete(names, r)
	}
	keep := newPayload("kept")
	mu.Lock()
	names[MakeRef(keep, forget)] = "kept"
	mu.Unlock()
	weaktest.Collected(t, func() *payload {
		p := newPayload("dropped")
		mu.Lock()
		defer mu.Unlock()
		names[MakeRef(p, forget)] = "dropped"
		return p
	})
	mu.Lock()
	defer mu.Unlock()
	if len(names) != 1 || names[MakeRef(keep, nil)] != "kept" {
		t.Errorf("after collection: %v, want only the kept entry", names)
	}
}

func TestRefCallbacksLeaveNothingPending(t *testing.T) {
	var ran atomic.Int32
	weaktest.NoLeak(t, func() {
		for range 3 {
			MakeRef(newPayload("tmp"), func(Ref[payload]) { ran.Add(1) })
		}
	})
	if n := ran.Load(); n != 3 {
		t.Errorf("%d of 3 callbacks ran", n)
	}
}

func TestMakeRefNilWithCallbackPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MakeRef(nil, callback) did not panic")
		}
	}()
	MakeRef[payload](nil, func(Ref[payload]) {})
}
