// Package use registers cleanups whose argument is a field of another
// package's type: lifetime learns that the field holds a released resource,
// but can export that only for its own package's fields (exporting a fact
// on model's field panicked the whole run).
package use

import (
	"runtime"
	"syscall"

	"lifetime/otherfield/model"
)

func Open(name string) *model.Handle {
	h := &model.Handle{ID: 42, Name: name}
	runtime.AddCleanup(h, func(id uint32) { syscall.Close(int(id)) }, h.ID)
	return h
}

// The field's resource is used after h's last use: the cleanup registered
// above may close it first.
func Read(name string, buf []byte) (int, error) {
	h := Open(name)
	fd := int(h.ID)
	return syscall.Read(fd, buf) // want `runtime.KeepAlive`
}

// Quiet twin: h is kept alive past the read.
func ReadKept(name string, buf []byte) (int, error) {
	h := Open(name)
	fd := int(h.ID)
	n, err := syscall.Read(fd, buf)
	runtime.KeepAlive(h)
	return n, err
}
