// Package cancel stops cleanups as the last use of their object (rule 6).
package cancel

import (
	"runtime"
	"syscall"

	"github.com/weaklint/weaklint/runtimeweak"
)

type File struct {
	fd      int             // resource (unexported: no fact)
	cleanup runtime.Cleanup // own cleanup (unexported: no fact)
}

func Open(fd int) *File {
	f := &File{fd: fd}
	f.cleanup = runtime.AddCleanup(f, func(fd int) { syscall.Close(fd) }, fd)
	return f
}

func (f *File) Close() error {
	err := syscall.Close(f.fd)
	f.cleanup.Stop() // want `Stop is the last use of f: f may already be unreachable and its cleanup queued, so Stop does not stop it; add runtime.KeepAlive\(f\) after the call`
	return err
}

func (f *File) CloseStopFirst() error {
	f.cleanup.Stop() // quiet: f.fd is read below
	return syscall.Close(f.fd)
}

func (f *File) CloseKept() error {
	err := syscall.Close(f.fd)
	f.cleanup.Stop() // quiet
	runtime.KeepAlive(f)
	return err
}

func Temporary(buf []byte) {
	t := &File{fd: 3}
	c := runtime.AddCleanup(t, func(int) {}, 0)
	syscall.Write(t.fd, buf)
	c.Stop() // want `Stop is the last use of t`
}

type Conn struct {
	fd  int                               // resource (unexported: no fact)
	fin *runtimeweak.Finalizer[Conn, int] // own cleanup (unexported: no fact)
}

func Dial(fd int) *Conn {
	c := &Conn{fd: fd}
	c.fin = runtimeweak.NewFinalizer(c, func(fd int) { syscall.Close(fd) }, fd)
	return c
}

// Close acts on Detach's ok: the finalizer settles once, by Detach or by
// running, so fd is closed exactly once even if c is already unreachable
// and its cleanup queued (quiet).
func (c *Conn) Close() {
	if fd, ok := c.fin.Detach(); ok {
		syscall.Close(fd)
	}
}

// CloseAnyway ignores ok: if the cleanup already ran, fd is closed twice
// (and may by then be another file's).
func (c *Conn) CloseAnyway() {
	fd, _ := c.fin.Detach() // want `Detach is the last use of c`
	syscall.Close(fd)
}

func (c *Conn) CloseKept() {
	if fd, ok := c.fin.Detach(); ok {
		syscall.Close(fd)
	}
	runtime.KeepAlive(c) // quiet
}

// unrelated has a Stop method that is not a cleanup's.
type unrelated struct{}

func (unrelated) Stop() {}

func Other() {
	var u unrelated
	u.Stop() // quiet
}

// CloseTwice: the second Stop reads f.cleanup, so f is alive at the first,
// which stops the cleanup; the second has nothing left to stop.
func (f *File) CloseTwice() error {
	err := syscall.Close(f.fd)
	f.cleanup.Stop() // quiet: f is used below
	f.cleanup.Stop() // quiet: stopped above
	return err
}

// TemporaryTwice: the first Stop is t's last use and is reported; the
// second has nothing left to stop.
func TemporaryTwice(buf []byte) {
	t := &File{fd: 3}
	c := runtime.AddCleanup(t, func(int) {}, 0)
	syscall.Write(t.fd, buf)
	c.Stop() // want `Stop is the last use of t`
	c.Stop() // quiet: stopped above
}

// Finish runs the finalizer now: Detach after Call has nothing to stop.
func (c *Conn) Finish() {
	c.fin.Call()
	c.fin.Detach() // quiet
}

// FinishIf calls the finalizer on one path only: on the other, Detach is
// what must win against the collector.
func (c *Conn) FinishIf(now bool) {
	if now {
		c.fin.Call()
	}
	c.fin.Detach() // want `Detach is the last use of c`
}

// StopOther stops another object's cleanup first: this one's Stop still
// matters.
func StopOther(a, b *File) {
	a.cleanup.Stop()
	syscall.Close(a.fd)
	b.cleanup.Stop() // want `Stop is the last use of b`
}
