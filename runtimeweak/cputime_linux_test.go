package runtimeweak

import (
	"syscall"
	"unsafe"
)

// processCPUTime returns the CPU time the process has used, in nanoseconds.
// The benchmarks report it per operation beside the wall-clock time, because
// on a shared machine the time a process spends waiting for a CPU inflates
// ns/op but not its CPU time.
func processCPUTime() (int64, bool) {
	const clockProcessCPUTimeID = 2
	var ts syscall.Timespec
	_, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockProcessCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	return ts.Nano(), errno == 0
}
