//go:build !unix

package weakderef_test

import "time"

// processCPU reports false: the benchmark's CPU metric needs getrusage.
func processCPU() (time.Duration, bool) { return 0, false }
