// Package files registers cleanups through hook.OnGone, a registrar in
// another module.
package files

import (
	"syscall"

	"example.com/cilib/hook"
)

type File struct {
	fd   int
	path string
}

// Open's cleanup gets a copy of the descriptor: correct.
func Open(path string) *File {
	f := &File{fd: 3, path: path}
	hook.OnGone(f, func(fd int) { syscall.Close(fd) }, f.fd)
	return f
}

// Leak's cleanup captures f, so f is never collected: a bug found through
// hook's fact.
func Leak(path string) *File {
	f := &File{fd: 4, path: path}
	hook.OnGone(f, func(fd int) { println("closing", f.path); syscall.Close(fd) }, f.fd)
	return f
}

// Twice is silenced with weaklint's own directive, which every driver honours.
func Twice(path string) *File {
	f := &File{fd: 5, path: path}
	hook.OnGone(f, func(*File) {}, f) //weaklint:ignore cleanupref the panic is under test
	return f
}

// Reopen was fixed long ago; the directive left above its cleanup silences
// nothing now, and unusedignore says so.
func Reopen(path string) *File {
	f := &File{fd: 6, path: path}
	//weaklint:ignore cleanupref the closure used to print f.path
	hook.OnGone(f, func(fd int) { syscall.Close(fd) }, f.fd)
	return f
}
