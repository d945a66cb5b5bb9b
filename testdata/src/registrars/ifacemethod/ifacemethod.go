// Package ifacemethod takes a method value of an interface method (its
// bound wrapper has no concrete method behind it) in a package that
// registers cleanups: building the call graph must not crash on it.
package ifacemethod

import (
	"io"
	"runtime"
)

type file struct{ fd int }

func closeLater(c io.Closer) func() error { return c.Close }

func Open(fd int) *file {
	f := &file{fd: fd}
	runtime.AddCleanup(f, func(fd int) { _ = fd }, fd)
	return f
}
