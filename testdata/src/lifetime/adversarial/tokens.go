package adversarial

import (
	"runtime"
	"sync/atomic"
	"weak"
)

var nextTicket atomic.Uint32

func returnTicket(n uint32) {}

// ticket is a 4-byte token handed to callers; its number returns to the
// pool when the caller drops it.
type ticket struct{ n uint32 } // resource (unexported: no fact)

func Issue() *ticket {
	t := &ticket{n: nextTicket.Add(1)}
	runtime.AddCleanup(t, returnTicket, t.n) // want `runtime.AddCleanup of a 4-byte pointer-free object \(ticket\)`
	return t
}

// lease is exactly 16 bytes.
type lease struct {
	id      uint64 // resource (unexported: no fact)
	expires int64
}

func Grant(id uint64) *lease {
	l := &lease{id: id}
	runtime.AddCleanup(l, func(id uint64) {}, id)
	return l
}

// flag is a 1-byte toggle watched weakly.
type flag struct{ on bool }

type Watcher struct{ flags []weak.Pointer[flag] }

// Watch's parameter type alone is tiny: reported here, once, rather than
// at every caller. (The round expected it quiet; judged a true report: any
// heap *flag shares a tiny block, and the fix belongs to the type.)
func (w *Watcher) Watch(f *flag) { w.flags = append(w.flags, weak.Make(f)) } // want Watch:"referent\\(weak\\.Make arg=1 drops typed\\)" `weak.Make of a 1-byte pointer-free object \(flag\)`

func (w *Watcher) NewFlag() *flag {
	f := &flag{}
	w.flags = append(w.flags, weak.Make(f)) // want `weak.Make of a 1-byte pointer-free object \(flag\)`
	return f
}

// ref is small but holds a pointer: not tiny.
type ref struct {
	id    int32
	owner *Watcher
}

func NewRef(w *Watcher) *ref {
	r := &ref{owner: w}
	runtime.AddCleanup(r, func(int) {}, 0)
	return r
}

// track runs done once p is collected.
func track[T any](p *T, done func()) { // wrapper of runtime.AddCleanup (unexported: no fact)
	runtime.AddCleanup(p, func(f func()) { f() }, done)
}

type session struct {
	user  string
	token [32]byte
}

func Open(user string, done func()) (*ticket, *session) {
	t := &ticket{n: 7}
	track(t, done) // want `runtime.AddCleanup of a 4-byte pointer-free object \(ticket\)`
	s := &session{user: user}
	track(s, done)
	return t, s
}

var requests atomic.Int64

func init() {
	runtime.AddCleanup(&requests, func(int) {}, 0) // want `runtime.AddCleanup of package-level variable requests`
}

// job embeds a token among pointerful fields: one large object.
type job struct {
	id      int
	tok     ticket
	payload []byte
}

func NewJob(id int) *job {
	j := &job{id: id, payload: make([]byte, 64)}
	runtime.AddCleanup(&j.tok, returnTicket, uint32(id))
	return j
}

// point is 8 bytes: a tiny value in a weak intern table.
type point struct{ x, y float32 }

type marker struct{}

func Mark() {
	runtime.AddCleanup(&marker{}, func(int) {}, 0) // want `runtime.AddCleanup of a zero-size object \(marker\)`
}

func UniqueToken() weak.Pointer[struct{}] {
	return weak.Make(&struct{}{}) // want `weak.Make of a zero-size object`
}

// Gauges watch another package's counters weakly. A *atomic.Int64 of
// unknown origin is mostly a field of a larger object (&sess.bytesOut),
// which the weak pointer then follows: not judged by its type. (Adapted
// from adversarial round 11: j_media metrics.TrackGauge.)
type gauges struct{ srcs []weak.Pointer[atomic.Int64] }

func (g *gauges) Track(src *atomic.Int64) { g.srcs = append(g.srcs, weak.Make(src)) } // want Track:"referent\\(weak\\.Make arg=1 drops\\)"

type conn struct {
	name     string
	bytesOut atomic.Int64
}

func (g *gauges) TrackConn(c *conn) { g.Track(&c.bytesOut) }

// A counter allocated on its own is tiny all the same.
func (g *gauges) TrackNew() *atomic.Int64 {
	n := new(atomic.Int64)
	g.srcs = append(g.srcs, weak.Make(n)) // want `weak.Make of a 8-byte pointer-free object \(sync/atomic.Int64\)`
	return n
}
