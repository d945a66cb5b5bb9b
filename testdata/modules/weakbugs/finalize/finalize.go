// Package finalize attaches cleanups: one correct, one that keeps its
// object alive forever.
package finalize

import "runtime"

type File struct {
	fd   int
	name string
}

func closeFD(fd int) {}

// Open's cleanup gets a copy of the descriptor: correct.
func Open(name string) *File {
	f := &File{fd: 3, name: name}
	runtime.AddCleanup(f, closeFD, f.fd)
	return f
}

// Leak's cleanup closure refers to f: f is never collected.
func Leak(name string) *File {
	f := &File{fd: 4, name: name}
	runtime.AddCleanup(f, func(fd int) { println(f.name); closeFD(fd) }, f.fd)
	return f
}
