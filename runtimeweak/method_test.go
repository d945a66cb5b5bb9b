package runtimeweak

import (
	"sync/atomic"
	"testing"

	"github.com/weaklint/weaklint/runtimeweak/weaktest"
)

// subscriber is an observer: it counts the events it is sent.
type subscriber struct {
	name   string
	events atomic.Int64
	_      [4]int64 // size: clear of the tiny allocator
}

func (s *subscriber) OnEvent(n int) { s.events.Add(int64(n)) }

func TestMethodCallsWhileTheReceiverLives(t *testing.T) {
	s := &subscriber{name: "s"}
	m := Method(s, (*subscriber).OnEvent)
	if !m.Alive() {
		t.Error("Alive() = false while the receiver lives")
	}
	if !m.Call(2) || !m.Call(3) {
		t.Error("Call() = false while the receiver lives")
	}
	if n := s.events.Load(); n != 5 {
		t.Errorf("receiver got %d, want 5", n)
	}
	var zero WeakMethod[subscriber, int]
	if zero.Call(1) || zero.Alive() {
		t.Error("the zero WeakMethod is callable")
	}
}

func TestMethodDoesNotKeepTheReceiverAlive(t *testing.T) {
	var m WeakMethod[subscriber, int]
	weaktest.Collected(t, func() *subscriber {
		s := &subscriber{name: "dies"}
		m = Method(s, (*subscriber).OnEvent)
		m.Call(1)
		return s
	})
	if m.Call(1) {
		t.Error("Call() = true after the receiver was collected")
	}
	if m.Alive() {
		t.Error("Alive() = true after the receiver was collected")
	}
}

func TestMethodPanicsOnNil(t *testing.T) {
	for name, f := range map[string]func(){
		"receiver": func() { Method[subscriber](nil, (*subscriber).OnEvent) },
		"function": func() { Method[subscriber, int](&subscriber{}, nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Method with a nil %s did not panic", name)
				}
			}()
			f()
		}()
	}
}
