package runtimeweak

import (
	"runtime"
	"testing"
)

// payload is a test value that weak pointers and cleanups handle reliably:
// it contains pointers and is larger than the tiny allocator's 16 bytes.
type payload struct {
	name string
	_    [8]int64 // size: clear of the tiny allocator
}

func newPayload(name string) *payload { return &payload{name: name} }

// maxCollections bounds every wait for the collector.
const maxCollections = 50

// gcUntil runs the collector until cond holds, at most maxCollections
// times, yielding between runs so that queued cleanups get to execute.
func gcUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range maxCollections {
		if cond() {
			return
		}
		runtime.GC()
		runtime.Gosched()
	}
	if !cond() {
		t.Fatalf("still not the case after %d collections: %s", maxCollections, what)
	}
}

// gcSome runs the collector a few times, for tests that check something
// does not happen.
func gcSome() {
	for range 5 {
		runtime.GC()
		runtime.Gosched()
	}
}
