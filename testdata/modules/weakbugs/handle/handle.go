// Package handle owns descriptors whose cleanup closes them; useh uses
// them through the Fd accessor, found through lifetime's facts.
package handle

import (
	"runtime"
	"syscall"
)

type File struct {
	fd   int
	name string
}

func Open(name string) (*File, error) {
	fd, err := syscall.Open(name, syscall.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	f := &File{fd: fd, name: name}
	runtime.AddCleanup(f, func(fd int) { syscall.Close(fd) }, fd)
	return f, nil
}

// Fd returns the descriptor, which f's cleanup closes.
func (f *File) Fd() int { return f.fd }

// Name is not a resource.
func (f *File) Name() string { return f.name }
