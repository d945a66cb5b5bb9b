package vetgate

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

// TestDeferGC checks that collection is off after deferGC and back to the
// defaults once a collection has run.
func TestDeferGC(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT set: deferGC leaves the collector alone")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	// Read without setting: setting GOGC can start a collection.
	read := func() (gogc int, limit int64) {
		samples := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
		metrics.Read(samples)
		return int(samples[0].Value.Uint64()), int64(samples[1].Value.Uint64())
	}

	deferGC()
	if p, limit := read(); p != -1 || limit != startHeap {
		t.Fatalf("after deferGC: GOGC %d, memory limit %d; want -1, %d", p, limit, startHeap)
	}
	for i := 0; i < 100; i++ {
		if p, _ := read(); p != -1 {
			break
		}
		runtime.GC()
	}
	if p, limit := read(); p != 100 || limit != math.MaxInt64 {
		t.Errorf("after a collection: GOGC %d, memory limit %d; want 100, no limit", p, limit)
	}
}
