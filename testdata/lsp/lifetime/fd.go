// Package lifetime is the file the server test opens for the lifetime
// analyzer: a descriptor used after the last use of its owner.
package lifetime

import (
	"runtime"
	"syscall"
)

type File struct {
	fd   int
	name string
}

func Open(fd int) *File {
	f := &File{fd: fd}
	runtime.AddCleanup(f, func(fd int) { syscall.Close(fd) }, fd)
	return f
}

func (f *File) Write(b []byte) int {
	n, _ := syscall.Write(f.fd, b)
	return n
}
