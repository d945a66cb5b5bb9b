//go:build !unix

package cputime

import "time"

// Process reports false: the process's CPU time is read only on unix systems.
func Process() (time.Duration, bool) { return 0, false }
