package a

import "runtime"

// A wrapper whose cleanup closure captures the wrapper's receiver: the
// receiver is what the cleanup function holds, although the caller passes no
// function at all.
type sessions struct {
	open map[int]bool
	log  []*Session // every session, held strongly
}

type Session struct{ id int }

func (s *sessions) watch(x *Session) {
	runtime.AddCleanup(x, func(id int) { delete(s.open, id) }, x.id)
}

func (s *sessions) Add(x *Session) {
	s.log = append(s.log, x)
	s.watch(x) // want `cleanup function registered by s.watch captures s, which holds x`
}

// Quiet twin: the receiver does not hold the session.
type counts struct{ open map[int]bool }

func (c *counts) watch(x *Session) {
	runtime.AddCleanup(x, func(id int) { delete(c.open, id) }, x.id)
}

func (c *counts) Add(x *Session) {
	c.open[x.id] = true
	c.watch(x)
}

// A cleanup function held in a variable of func type names the variable.
func watchVar(x *Session) {
	done := func(int) { _ = x.id }
	runtime.AddCleanup(x, done, 0) // want `cleanup function captures x, so x is never collected`
}

// A wrapper that pins the object itself (its receiver holds x, and its
// cleanup is bound to the receiver) is reported where it registers; its
// callers in the same package add nothing to that report (as go vet's
// printf checker reports a wrapper's format mistakes inside the wrapper).
type roster struct {
	byName map[string]*Session
}

func (r *roster) forget(int) {}

func (r *roster) adopt(name string, x *Session) {
	r.byName[name] = x
	runtime.AddCleanup(x, r.forget, x.id) // want `cleanup function is a method value bound to r, which holds x`
}

func (r *roster) Load(name string) *Session {
	x := &Session{}
	r.adopt(name, x)
	return x
}

func (r *roster) adoptLater(name string, x *Session) {
	r.adopt(name, x) // a wrapper of the wrapper: the same cause again
}
