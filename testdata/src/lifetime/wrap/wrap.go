// Package wrap holds wrappers that pass their parameter on to weak.Make or
// runtime.AddCleanup; wrapuse calls them through facts.
package wrap

import (
	"runtime"
	"syscall"
	"weak"
)

// Ref makes a weak pointer to p and keeps nothing of it.
func Ref[T any](p *T) weak.Pointer[T] { return weak.Make(p) } // want Ref:"referent\\(weak\\.Make arg=0 drops\\)"

// Pin makes a weak pointer to p and keeps p too.
func Pin[T any](p *T) weak.Pointer[T] { // want Pin:"referent\\(weak\\.Make arg=0\\)"
	pinned = append(pinned, p)
	return weak.Make(p)
}

var pinned []any

// OnCollect runs fn once obj is collected.
func OnCollect[T any](obj *T, fn func()) { // want OnCollect:"referent\\(runtime\\.AddCleanup arg=0\\)"
	runtime.AddCleanup(obj, func(f func()) { f() }, fn)
}

// Small is a 4-byte object.
type Small struct{ N int32 }

// Watch registers a cleanup on s: reported here, by type.
func Watch(s *Small) { // want Watch:"referent\\(runtime\\.AddCleanup arg=0 typed\\)"
	runtime.AddCleanup(s, func(int) {}, 0) // want `runtime.AddCleanup of a 4-byte pointer-free object \(Small\)`
}

// onCollect is a wrapper too, but no other package can call it: it has no
// fact (unitchecker would write it out, and re-export it, for nothing).
func onCollect[T any](obj *T) { runtime.AddCleanup(obj, func(int) {}, 0) }

// Conn's cleanup closes its descriptor, in the exported field FD; the
// cleanup itself is in the exported field Cleanup. Both carry facts.
type Conn struct {
	FD      int             // want FD:"resource"
	Cleanup runtime.Cleanup // want Cleanup:"self\\-cleanup"
	sock    int             // resource (unexported: no fact; Sock has one)
}

func Dial(fd, sock int) *Conn {
	c := &Conn{FD: fd, sock: sock}
	c.Cleanup = runtime.AddCleanup(c, func(fd int) { syscall.Close(fd) }, fd)
	runtime.AddCleanup(c, func(s int) { syscall.Close(s) }, sock)
	onCollect(c)
	return c
}

// Sock returns the unexported descriptor: an accessor.
func (c *Conn) Sock() int { return c.sock } // want Sock:"accessor\\(sock\\)"

// Session is registered weakly by Register.
type Session struct {
	ID         string
	registered bool
}

var sessions []weak.Pointer[Session]

// Register keeps a weak pointer to s for itself and goes on using s: its
// parameter type decides rules 1 and 2, and a package-level session just
// gets an entry that lasts as long as it (no rule 3), so callers have
// nothing to check and it has no fact.
func Register(s *Session) {
	sessions = append(sessions, weak.Make(s))
	s.registered = true
}

var defaultSession Session

func registerDefault() {
	Register(&defaultSession) // quiet: the entry lasts as long as defaultSession, which is right
	_ = Pin(&defaultSession)  // quiet: likewise
}
