// Package useh imports neither weak nor runtime: only handle's facts tell
// that F's descriptor dies with F.
package useh

import (
	"syscall"

	"example.com/weakbugs/handle"
)

func Size(f *handle.File) int64 {
	var st syscall.Stat_t
	if err := syscall.Fstat(f.Fd(), &st); err != nil {
		return -1
	}
	return st.Size
}

func Named(f *handle.File) string {
	var st syscall.Stat_t
	syscall.Fstat(f.Fd(), &st) // quiet: f is used below
	return f.Name()
}
