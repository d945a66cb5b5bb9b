// Package use registers a cleanup through mid and wrap.
package use

import (
	"example.com/facts/mid"
	"example.com/facts/plain"
)

type File struct{ name string }

func (f *File) Close() {}

func Open() *File {
	f := &File{name: plain.Upper("x")}
	mid.Watch(f, func() { f.Close() })
	return f
}
