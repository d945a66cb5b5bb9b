package weaktest

import (
	"runtime"
	"runtime/metrics"
)

// maxCollections bounds every wait for the collector: an object that is
// unreachable is found so within a cycle or two, and queued cleanups run
// within a few yields; 50 leaves room for a loaded machine.
const maxCollections = 50

// collect runs the collector and yields, so that the goroutines running
// cleanups and finalizers get to work.
func collect() {
	runtime.GC()
	runtime.Gosched()
}

// queues are the runtime's cumulative counts of cleanups and finalizers
// queued (their object was collected) and executed.
type queues struct {
	cleanupsQueued, cleanupsExecuted     uint64
	finalizersQueued, finalizersExecuted uint64
}

var queueMetrics = []string{
	"/gc/cleanups/queued:cleanups",
	"/gc/cleanups/executed:cleanups",
	"/gc/finalizers/queued:finalizers",
	"/gc/finalizers/executed:finalizers",
}

func readQueues() queues {
	samples := make([]metrics.Sample, len(queueMetrics))
	for i, name := range queueMetrics {
		samples[i].Name = name
	}
	metrics.Read(samples)
	v := func(i int) uint64 {
		if samples[i].Value.Kind() != metrics.KindUint64 {
			return 0 // not supported by this runtime: nothing to wait for
		}
		return samples[i].Value.Uint64()
	}
	return queues{v(0), v(1), v(2), v(3)}
}

// ranUpTo reports whether every cleanup and finalizer that had been queued
// when mark was read has been executed.
func (q queues) ranUpTo(mark queues) bool {
	return q.cleanupsExecuted >= mark.cleanupsQueued && q.finalizersExecuted >= mark.finalizersQueued
}

// waitQueues waits, for at most maxCollections cycles, until what the
// collector has queued so far has run. It returns the cleanups and
// finalizers still waiting if it gives up.
func waitQueues() (cleanups, finalizers uint64) {
	mark := readQueues()
	for range maxCollections {
		if readQueues().ranUpTo(mark) {
			return 0, 0
		}
		collect()
	}
	now := readQueues()
	if now.ranUpTo(mark) {
		return 0, 0
	}
	return sub(mark.cleanupsQueued, now.cleanupsExecuted), sub(mark.finalizersQueued, now.finalizersExecuted)
}

func sub(a, b uint64) uint64 {
	if a < b {
		return 0
	}
	return a - b
}
