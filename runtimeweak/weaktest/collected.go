package weaktest

import (
	"fmt"
	"reflect"
	"testing"
	"weak"
)

// Collected asserts that the object built by make becomes unreachable within
// a bounded number of collections once make has returned, and that the
// cleanups and finalizers the collector queued meanwhile, its own included,
// have run. make must not keep the object anywhere that outlives the call
// unless the test means to find out whether something does.
//
// If the object stays reachable, Collected reports an error that says so and,
// where the runtime can tell (see the package documentation), what holds it.
// It reports a fatal error if make returns nil or builds an object the
// collector never reclaims on its own: a zero-size value, or a pointer-free
// value smaller than 16 bytes, which shares an allocation block with others.
func Collected[T any](t testing.TB, make func() *T) {
	t.Helper()
	call := nextCall(t)
	role := roleOf(t, call)
	if role == skip {
		return
	}
	if why := neverAlone(reflect.TypeFor[T]()); why != "" {
		t.Fatalf("weaktest: Collected cannot check a %s: %s", typeName[T](), why)
	}
	w, ok := build(make)
	if !ok {
		t.Fatalf("weaktest: Collected: make returned nil")
	}
	for range maxCollections {
		if w.Value() == nil {
			break
		}
		collect()
	}
	if role == target {
		finishChild()
	}
	if w.Value() != nil {
		t.Errorf("weaktest: the %s built by make is still reachable after %d collections%s",
			typeName[T](), maxCollections, diagnose(t, call))
		return
	}
	if c, f := waitQueues(); c+f > 0 {
		t.Errorf("weaktest: the %s was collected, but %d cleanups and %d finalizers queued by the collector had not run after %d more collections (is one blocked or slow?)",
			typeName[T](), c, f, maxCollections)
	}
}

// build calls make and keeps only a weak pointer to the result, in a frame
// of its own, so that no strong copy stays on the caller's stack.
//
//go:noinline
func build[T any](make func() *T) (weak.Pointer[T], bool) {
	p := make()
	if p == nil {
		return weak.Pointer[T]{}, false
	}
	return weak.Make(p), true
}

// diagnose reruns check call in a subprocess and phrases what the runtime
// said about the object, as the tail of a failure message.
func diagnose(t testing.TB, call int) string {
	t.Helper()
	report, found, why := runChild(t, call)
	switch {
	case found:
		return ":\nGODEBUG=checkfinalizers=1 reports a cleanup or finalizer that can never run:\n" + report
	case why != "":
		return "; rerun with GODEBUG=checkfinalizers=1 gave no answer: " + why
	default:
		return ": no cleanup or finalizer reaches it (GODEBUG=checkfinalizers=1 found none), so something else holds it: a global, a goroutine, a map or cache"
	}
}

func typeName[T any]() string { return "*" + reflect.TypeFor[T]().String() }

// neverAlone says why the collector would not reclaim a *T by itself, or
// returns "".
func neverAlone(t reflect.Type) string {
	switch {
	case t.Size() == 0:
		return "zero-size values share one address and are never collected"
	case t.Size() < 16 && !hasPointers(t):
		return fmt.Sprintf("it is pointer-free and %d bytes, so the allocator packs it into a block with other values and it lives as long as they do", t.Size())
	}
	return ""
}

func hasPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.UnsafePointer, reflect.Map, reflect.Chan, reflect.Func,
		reflect.Interface, reflect.Slice, reflect.String:
		return true
	case reflect.Array:
		return t.Len() > 0 && hasPointers(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if hasPointers(t.Field(i).Type) {
				return true
			}
		}
	}
	return false
}
