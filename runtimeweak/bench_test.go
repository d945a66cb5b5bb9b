package runtimeweak

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"unique"

	"github.com/weaklint/weaklint/internal/cputime"
)

// The benchmarks put runtimeweak beside the natural alternatives, in the same
// run: compare ns/op of the sub-benchmarks of one benchmark.

const benchKeys = 1024

// reportCPU adds a cpu-ns/op metric: the process's CPU time per operation,
// which a busy machine does not inflate the way it does wall-clock time.
// Use it as defer reportCPU(b)().
func reportCPU(b *testing.B) func() {
	start, ok := cputime.Process()
	return func() {
		end, _ := cputime.Process()
		if ok && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

func benchData() ([]string, []*payload) {
	keys := make([]string, benchKeys)
	vals := make([]*payload, benchKeys)
	for i := range benchKeys {
		keys[i] = fmt.Sprint("key-", i)
		vals[i] = newPayload(keys[i])
	}
	return keys, vals
}

// rwMap is the plain alternative: a map behind a sync.RWMutex.
type rwMap[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]*V
}

func (m *rwMap[K, V]) Load(k K) (*V, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	v, ok := m.m[k]
	return v, ok
}

// BenchmarkLoad measures hits, on one goroutine and on all of them.
func BenchmarkLoad(b *testing.B) {
	keys, vals := benchData()
	var vm ValueMap[string, payload]
	var sm sync.Map
	rw := &rwMap[string, payload]{m: map[string]*payload{}}
	for i, k := range keys {
		vm.Store(k, vals[i])
		sm.Store(k, vals[i])
		rw.m[k] = vals[i]
	}
	loads := map[string]func(string) bool{
		"ValueMap": func(k string) bool { _, ok := vm.Load(k); return ok },
		"SyncMap":  func(k string) bool { v, ok := sm.Load(k); return ok && v.(*payload) != nil },
		"RWMutexMap": func(k string) bool {
			_, ok := rw.Load(k)
			return ok
		},
	}
	for _, name := range []string{"ValueMap", "SyncMap", "RWMutexMap"} {
		load := loads[name]
		b.Run(name, func(b *testing.B) {
			defer reportCPU(b)()
			i := 0
			for b.Loop() {
				if !load(keys[i%benchKeys]) {
					b.Fatal("miss")
				}
				i++
			}
		})
		b.Run(name+"/parallel", func(b *testing.B) {
			defer reportCPU(b)()
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					if !load(keys[i%benchKeys]) {
						b.Fatal("miss")
					}
					i++
				}
			})
		})
	}
	runtime.KeepAlive(vals)
}

// BenchmarkLoadOrCreate measures canonicalization hits: ValueMap against
// unique.Make, the standard library's weak canonicalization map, and
// sync.Map.LoadOrStore, which keeps every value forever.
func BenchmarkLoadOrCreate(b *testing.B) {
	keys, vals := benchData()
	var vm ValueMap[string, payload]
	var sm sync.Map
	handles := make([]unique.Handle[string], benchKeys)
	for i, k := range keys {
		vm.Store(k, vals[i])
		sm.Store(k, vals[i])
		handles[i] = unique.Make(k)
	}
	create := func() *payload { b.Fatal("created on a hit"); return nil }
	b.Run("ValueMap", func(b *testing.B) {
		defer reportCPU(b)()
		b.RunParallel(func(pb *testing.PB) {
			for i := 0; pb.Next(); i++ {
				vm.LoadOrCreate(keys[i%benchKeys], create)
			}
		})
	})
	b.Run("UniqueMake", func(b *testing.B) {
		defer reportCPU(b)()
		b.RunParallel(func(pb *testing.PB) {
			for i := 0; pb.Next(); i++ {
				unique.Make(keys[i%benchKeys])
			}
		})
	})
	b.Run("SyncMapLoadOrStore", func(b *testing.B) {
		defer reportCPU(b)()
		b.RunParallel(func(pb *testing.PB) {
			for i := 0; pb.Next(); i++ {
				sm.LoadOrStore(keys[i%benchKeys], vals[i%benchKeys])
			}
		})
	})
	runtime.KeepAlive(vals)
	runtime.KeepAlive(handles)
}

// BenchmarkStore measures replacing values, which costs a cleanup per
// stored entry, and storing a value again, which costs a lookup.
func BenchmarkStore(b *testing.B) {
	keys, vals := benchData()
	_, others := benchData()
	b.Run("ValueMap", func(b *testing.B) {
		var vm ValueMap[string, payload]
		defer reportCPU(b)()
		i := 0
		for b.Loop() {
			v := vals[i%benchKeys]
			if i/benchKeys%2 == 1 {
				v = others[i%benchKeys]
			}
			vm.Store(keys[i%benchKeys], v)
			i++
		}
	})
	b.Run("ValueMap/same", func(b *testing.B) {
		var vm ValueMap[string, payload]
		defer reportCPU(b)()
		i := 0
		for b.Loop() {
			vm.Store(keys[i%benchKeys], vals[i%benchKeys])
			i++
		}
	})
	b.Run("SyncMap", func(b *testing.B) {
		var sm sync.Map
		defer reportCPU(b)()
		i := 0
		for b.Loop() {
			v := vals[i%benchKeys]
			if i/benchKeys%2 == 1 {
				v = others[i%benchKeys]
			}
			sm.Store(keys[i%benchKeys], v)
			i++
		}
	})
	runtime.KeepAlive(vals)
	runtime.KeepAlive(others)
}

// BenchmarkKeyMapLoad measures identity lookups, which cost a weak.Make.
func BenchmarkKeyMapLoad(b *testing.B) {
	_, vals := benchData()
	var km KeyMap[payload, int]
	for i, v := range vals {
		km.Store(v, i)
	}
	defer reportCPU(b)()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			if _, ok := km.Load(vals[i%benchKeys]); !ok {
				b.Fatal("miss")
			}
		}
	})
}

// BenchmarkCacheLoad measures hits in the strong set, which take a lock.
func BenchmarkCacheLoad(b *testing.B) {
	keys, vals := benchData()
	c := NewCache[string, payload](benchKeys)
	for i, k := range keys {
		c.Store(k, vals[i])
	}
	defer reportCPU(b)()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			if _, ok := c.Load(keys[i%benchKeys]); !ok {
				b.Fatal("miss")
			}
		}
	})
}
