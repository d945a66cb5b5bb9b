package vetgate

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// startHeap is the heap size below which a vet unit does not collect
// garbage. A unit is a short-lived process that type-checks one package and
// runs the analyzers on it: most of what it allocates stays live until it
// exits, so collections below this size cost CPU and free little. On go vet
// std, the largest units (runtime_test, net/http_test, net, crypto/tls)
// reach a peak RSS of 125-160 MB without collection; with a limit of 128 MB
// each collected once, at about 0.1 s of CPU (15% of the unit). go vet runs
// a unit per CPU at once, so the size is kept moderate.
const startHeap = 256 << 20

// deferGC turns garbage collection off until the heap reaches startHeap,
// then back to the defaults (as cmd/compile's AdjustStartingHeap does). It
// leaves the collector alone if the user set GOGC or GOMEMLIMIT.
func deferGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(startHeap)
	// The first collection, when the heap reaches the limit, frees this
	// object and runs its cleanup. With collection off and only a limit,
	// a heap that stays near the limit would be collected over and over.
	runtime.AddCleanup(new(gcSentinel), func(int) {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}, 0)
}

// gcSentinel holds a pointer so that it is not batched with other objects
// by the tiny allocator, which would delay its cleanup.
type gcSentinel struct{ _ *int }
