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

func (c *Conn) Close() {
	if fd, ok := c.fin.Detach(); ok { // want `Detach is the last use of c`
		syscall.Close(fd)
	}
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
