package weaktest_test

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/weaklint/weaklint/runtimeweak"
	"github.com/weaklint/weaklint/runtimeweak/weaktest"
)

// resource is collectable on its own: it holds pointers and is larger than
// the tiny allocator's 16 bytes.
type resource struct {
	name string
	self *resource
	_    [4]int64
}

// recorder is a testing.TB that records failures instead of failing the
// test, so that the tests can check weaktest's messages.
type recorder struct {
	testing.TB
	mu    sync.Mutex
	msgs  []string
	fatal bool
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
	r.fatal = true
	r.mu.Unlock()
	runtime.Goexit()
}

// record runs check against a recorder on a goroutine of its own (Fatalf
// ends that goroutine) and returns the messages.
func record(t *testing.T, check func(testing.TB)) (msgs string, fatal bool) {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		check(r)
	}()
	<-done
	return strings.Join(r.msgs, "\n"), r.fatal
}

func wantMatch(t *testing.T, got, pattern string) {
	t.Helper()
	if !regexp.MustCompile(pattern).MatchString(got) {
		t.Errorf("message does not match %q:\n%s", pattern, got)
	}
}

func TestCollectedPassesAndWaitsForCleanups(t *testing.T) {
	var ran atomic.Bool
	weaktest.Collected(t, func() *resource {
		r := &resource{name: "tmp"}
		runtime.AddCleanup(r, func(name string) { ran.Store(name == "tmp") }, r.name)
		return r
	})
	if !ran.Load() { // Collected returns only after queued cleanups ran
		t.Error("Collected returned before the object's cleanup ran")
	}
}

var keep []*resource

func TestCollectedReportsAGlobal(t *testing.T) {
	msgs, _ := record(t, func(tb testing.TB) {
		weaktest.Collected(tb, func() *resource {
			r := &resource{name: "kept"}
			keep = append(keep, r) // held by a global: never collected
			return r
		})
	})
	wantMatch(t, msgs, `^weaktest: the \*weaktest_test.resource built by make is still reachable after 50 collections: `+
		`no cleanup or finalizer reaches it \(GODEBUG=checkfinalizers=1 found none\), so something else holds it: a global, a goroutine, a map or cache$`)
}

func TestCollectedReportsACleanupThatHoldsItsObject(t *testing.T) {
	msgs, _ := record(t, func(tb testing.TB) {
		weaktest.Collected(tb, func() *resource {
			r := &resource{name: "cycle"}
			owner := &struct{ r *resource }{r}
			//weaklint:ignore cleanupref the leak weaktest must report
			runtime.AddCleanup(r, func(string) { _ = owner.r.name }, "owner reaches r") // r can never be collected
			return r
		})
	})
	wantMatch(t, msgs, `(?s)^weaktest: the \*weaktest_test.resource built by make is still reachable after 50 collections:\n`+
		`GODEBUG=checkfinalizers=1 reports a cleanup or finalizer that can never run:\n`+
		`\tValue of type weaktest_test.resource at 0x[0-9a-f]+\n`+
		`\t  is reachable from cleanup or cleanup argument\n`+
		`.*TestCollectedReportsACleanupThatHoldsItsObject.*weaktest_test.go`)
}

func TestCollectedRefusesObjectsNeverCollectedAlone(t *testing.T) {
	msgs, fatal := record(t, func(tb testing.TB) {
		weaktest.Collected(tb, func() *int64 { return new(int64) })
	})
	if !fatal {
		t.Error("Collected of a tiny object: want a fatal error")
	}
	wantMatch(t, msgs, `^weaktest: Collected cannot check a \*int64: it is pointer-free and 8 bytes, so the allocator packs it`)

	msgs, fatal = record(t, func(tb testing.TB) {
		weaktest.Collected(tb, func() *resource { return nil })
	})
	if !fatal {
		t.Error("Collected of nil: want a fatal error")
	}
	wantMatch(t, msgs, `^weaktest: Collected: make returned nil$`)
}

func TestNoLeakPasses(t *testing.T) {
	var closed atomic.Int32
	weaktest.NoLeak(t, func() {
		for range 3 {
			r := &resource{name: "tmp"}
			runtimeweak.NewFinalizer(r, func(*atomic.Int32) { closed.Add(1) }, &closed)
		}
	})
	if n := closed.Load(); n != 3 {
		t.Errorf("after NoLeak, %d of 3 finalizers ran", n)
	}
}

var held []*resource

func TestNoLeakReportsAPendingFinalizer(t *testing.T) {
	msgs, _ := record(t, func(tb testing.TB) {
		weaktest.NoLeak(tb, func() {
			r := &resource{name: "held"}
			runtimeweak.NewFinalizer(r, func(string) {}, r.name)
			held = append(held, r)
		})
	})
	wantMatch(t, msgs, `^weaktest: 1 cleanups registered through runtimeweak during f are still pending after 50 collections: `+
		`the objects they are attached to are still reachable: no cleanup or finalizer reaches it`)
}

func TestNoLeakReportsARuntimeCleanupThatHoldsItsObject(t *testing.T) {
	if testing.Short() {
		t.Skip("NoLeak checks runtime cleanups in a subprocess, skipped in -short mode")
	}
	msgs, _ := record(t, func(tb testing.TB) {
		weaktest.NoLeak(tb, func() {
			r := &resource{name: "cycle"}
			arg := &resource{name: "arg", self: r}
			//weaklint:ignore cleanupref the leak weaktest must report
			runtime.AddCleanup(r, func(*resource) {}, arg) // the argument reaches the object: never runs
		})
	})
	wantMatch(t, msgs, `(?s)^weaktest: GODEBUG=checkfinalizers=1 reports a cleanup or finalizer that can never run:\n`+
		`\tValue of type weaktest_test.resource at 0x[0-9a-f]+\n\t  is reachable from cleanup or cleanup argument`)
}
