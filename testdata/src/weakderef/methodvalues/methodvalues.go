// Package methodvalues: a method value v.M with a pointer receiver binds v
// without dereferencing it; the dereference happens where the method value
// is called, or where it leaves the function's sight (returned, stored,
// passed on). A value receiver is copied out of *v where the method value
// is made. (Adapted from adversarial round 3: a_rpc stream.go, b_pubsub
// notify.go, b_db service.go.)
package methodvalues

import (
	"errors"
	"time"
	"weak"
)

type Stream struct{ n int }

func (s *Stream) Send(msg string) error { s.n++; return nil }

func (s Stream) Count() int { return s.n }

// Safe checks its receiver: binding or calling it on nil is no use.
func (s *Stream) Safe() int {
	if s == nil {
		return 0
	}
	return s.n
}

type Sub struct {
	stream weak.Pointer[Stream]
	send   func(string) error
}

var ErrGone = errors.New("gone")

// Taken before the check, called after it: quiet.
func (sub *Sub) SendTo(msg string) error {
	st := sub.stream.Value()
	send := st.Send
	if st == nil {
		return ErrGone
	}
	return send(msg)
}

// Returned only after the check: quiet.
func (sub *Sub) Sender() func(string) error {
	st := sub.stream.Value()
	send := st.Send
	if st == nil {
		return nil
	}
	return send
}

// Passed on only after the check: quiet.
func (sub *Sub) Later(d time.Duration) bool {
	st := sub.stream.Value()
	send := st.Send
	if st == nil {
		return false
	}
	after(d, send)
	return true
}

func after(d time.Duration, f func(string) error) {
	time.AfterFunc(d, func() { _ = f("later") })
}

// Captured by a closure before the check: the variable it is stored in is
// not followed, so the capture is the use.
func (sub *Sub) Captured(d time.Duration) bool {
	st := sub.stream.Value()
	send := st.Send // want `possible nil dereference`
	if st == nil {
		return false
	}
	time.AfterFunc(d, func() { _ = send("later") })
	return true
}

// Deferred after the check: quiet.
func (sub *Sub) Deferred() {
	st := sub.stream.Value()
	send := st.Send
	if st == nil {
		return
	}
	defer send("bye")
}

// Called with no check.
func (sub *Sub) SendNow(msg string) error {
	send := sub.stream.Value().Send
	return send(msg) // want `possible nil dereference`
}

// Called before the check.
func (sub *Sub) SendEarly(msg string) {
	st := sub.stream.Value()
	send := st.Send
	_ = send(msg) // want `possible nil dereference`
	if st == nil {
		return
	}
}

// Returned unchecked.
func (sub *Sub) SenderLoose() func(string) error {
	st := sub.stream.Value()
	return st.Send // want `possible nil dereference`
}

// Stored before the check: whoever reads the field may call it.
func (sub *Sub) Keep() {
	st := sub.stream.Value()
	sub.send = st.Send // want `possible nil dereference`
	if st == nil {
		sub.send = nil
	}
}

// A value receiver is copied where the method value is made.
func (sub *Sub) Counter() func() int {
	st := sub.stream.Value()
	count := st.Count // want `possible nil dereference`
	if st == nil {
		return nil
	}
	return count
}

// A nil-safe method bound to an unchecked receiver: quiet.
func (sub *Sub) SafeCount() int {
	safe := sub.stream.Value().Safe
	return safe()
}

// sendVia dereferences s on every path, through a method value.
func sendVia(s *Stream) error {
	f := s.Send
	return f("via")
}

func (sub *Sub) Via() error {
	return sendVia(sub.stream.Value()) // want `possible nil dereference`
}
