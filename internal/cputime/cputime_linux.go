package cputime

import (
	"syscall"
	"time"
	"unsafe"
)

// Process returns the CPU time (user and system) the process has used, all
// threads included (the garbage collector's too), and true; false if the
// clock cannot be read. It reads CLOCK_PROCESS_CPUTIME_ID, which counts in
// nanoseconds where getrusage counts in microseconds.
func Process() (time.Duration, bool) {
	const clockProcessCPUTimeID = 2
	var ts syscall.Timespec
	_, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockProcessCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	if errno != 0 {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
