package a

import "runtime"

// A struct that holds the object in one field does not make what its other
// fields point to hold it: a cleanup capturing s.cache keeps s.cache alive,
// not s, and so not s.history's sessions.
type tracker struct {
	open map[int]bool
	seen []*Session // every session, held strongly
}

func (t *tracker) watch(x *Session) {
	runtime.AddCleanup(x, func(id int) { delete(t.open, id) }, x.id)
}

type desk struct {
	cache   *tracker
	history []*Session
	current *Session
}

// Quiet: d.history holds x, but the cleanup registered by d.cache.watch
// captures d.cache, which does not.
func (d *desk) Add(x *Session) {
	d.history = append(d.history, x)
	d.cache.watch(x)
}

// Quiet: the object is d.current; d.cache is another object.
func (d *desk) WatchCurrent() {
	d.cache.watch(d.current)
}

// Quiet: the same with a closure of this function capturing d.cache.
func (d *desk) Note(x *Session) {
	d.history = append(d.history, x)
	c := d.cache
	runtime.AddCleanup(x, func(id int) { delete(c.open, id) }, x.id)
}

// The field the cleanup captures is the one that holds x.
func (d *desk) Keep(x *Session) {
	d.cache.seen = append(d.cache.seen, x)
	d.cache.watch(x) // want `cleanup function registered by d.cache.watch captures d.cache, which holds x`
}

func (d *desk) KeepNoted(x *Session) {
	d.cache.seen = append(d.cache.seen, x)
	c := d.cache
	runtime.AddCleanup(x, func(id int) { delete(c.open, id) }, x.id) // want `cleanup function captures c, which holds x`
}

// A closure capturing d itself still holds what d holds.
func (d *desk) NoteAll(x *Session) {
	d.history = append(d.history, x)
	runtime.AddCleanup(x, func(id int) { delete(d.cache.open, id) }, x.id) // want `cleanup function captures d, which holds x`
}
