// Package removed: a table that holds the object keeps it alive only until
// its entry is removed. Removed by an explicit call (Drop), the object is
// collected after that call, so a cleanup reaching the table does not keep
// it forever; removed only by the cleanup itself, it is never collected.
package removed

import "runtime"

type session struct {
	id   uint64
	name string
}

// manager removes sessions explicitly (Drop, Reset).
type manager struct {
	byID   map[uint64]*session
	reaped int
}

func (m *manager) reap(id uint64) { m.reaped++ }

// Quiet: m.byID holds s until Drop deletes it; then s is collected and
// m.reap runs.
func (m *manager) Open(id uint64) *session {
	s := &session{id: id}
	m.byID[id] = s
	runtime.AddCleanup(s, m.reap, id)
	return s
}

// Quiet: the same with a closure capturing m.
func (m *manager) OpenNamed(id uint64, name string) *session {
	s := &session{id: id, name: name}
	m.byID[id] = s
	runtime.AddCleanup(s, func(id uint64) { m.reaped++ }, id)
	return s
}

func (m *manager) Drop(id uint64) { delete(m.byID, id) }

// registry deletes only in its cleanup, which never runs while the entry
// holds the object: the classic bug.
type registry struct {
	byID map[uint64]*session
}

func (r *registry) forget(id uint64) { delete(r.byID, id) }

func (r *registry) Add(id uint64) *session {
	s := &session{id: id}
	r.byID[id] = s
	runtime.AddCleanup(s, r.forget, id) // want `cleanup function is a method value bound to r, which holds s, so s is never collected`
	return s
}

// index deletes in a helper that only its cleanup closure calls.
type index struct {
	byID map[uint64]*session
}

func (x *index) unlink(id uint64) { delete(x.byID, id) }

func (x *index) Add(id uint64) *session {
	s := &session{id: id}
	x.byID[id] = s
	runtime.AddCleanup(s, func(id uint64) { x.unlink(id) }, id) // want `cleanup function captures x, which holds s, so s is never collected`
	return s
}

// pool is emptied by Reset, an explicit call.
type pool struct {
	all map[uint64]*session
	n   int
}

func (p *pool) count(uint64) { p.n++ }

func (p *pool) Add(id uint64) *session {
	s := &session{id: id}
	p.all[id] = s
	runtime.AddCleanup(s, p.count, id) // quiet: Reset releases s
	return s
}

func (p *pool) Reset() { clear(p.all) }
