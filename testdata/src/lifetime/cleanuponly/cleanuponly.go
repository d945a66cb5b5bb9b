// Package cleanuponly has helpers that only a cleanup or finalizer calls
// (rule 5): they run when the object is gone already, as the cleanup's own
// body does, and a KeepAlive in them would change nothing. A helper that
// other code calls too, or that an interface may run, is checked.
package cleanuponly

import (
	"runtime"
	"syscall"
)

// conn's descriptor is a resource: Dial's cleanup closes it.
type conn struct {
	node string
	fd   int
}

func closeFD(fd int) { syscall.Close(fd) }

func Dial(node string, fd int) *conn {
	c := &conn{node: node, fd: fd}
	runtime.AddCleanup(c, closeFD, fd)
	return c
}

// DialPooled closes the descriptor with a finalizer instead.
func DialPooled(node string, fd int) *conn {
	c := &conn{node: node, fd: fd}
	runtime.SetFinalizer(c, func(c *conn) { c.release() })
	return c
}

func (c *conn) release() { c.closeFD() }

func (c *conn) closeFD() { syscall.Close(c.fd) } // quiet: only release calls it, which only the finalizer calls

// shutdown is called by the finalizer and by Drain.
func (c *conn) shutdown() {
	syscall.Shutdown(c.fd, syscall.SHUT_RDWR) // want `c.fd is used after the last use of c`
}

func DialDrained(node string, fd int) *conn {
	c := &conn{node: node, fd: fd}
	runtime.SetFinalizer(c, func(c *conn) { c.shutdown() })
	return c
}

func (c *conn) Drain() { c.shutdown() }

// syncer's sync may run through the interface: not only the finalizer
// calls it.
type syncer interface{ sync() }

func (c *conn) sync() {
	syscall.Fsync(c.fd) // want `c.fd is used after the last use of c`
}

func DialSynced(node string, fd int) *conn {
	c := &conn{node: node, fd: fd}
	runtime.SetFinalizer(c, func(c *conn) { c.sync() })
	return c
}

func Flush(s syncer) { s.sync() }

// hangup is also handed out as a method value: where it runs is not in
// view.
func (c *conn) hangup() {
	syscall.Close(c.fd) // want `c.fd is used after the last use of c`
}

func DialHung(node string, fd int) *conn {
	c := &conn{node: node, fd: fd}
	runtime.SetFinalizer(c, func(c *conn) { c.hangup() })
	return c
}

func (c *conn) Watch(register func(func())) { register(c.hangup) }
