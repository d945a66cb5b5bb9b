//go:build !linux

package runtimeweak

// processCPUTime is only implemented on Linux.
func processCPUTime() (int64, bool) { return 0, false }
