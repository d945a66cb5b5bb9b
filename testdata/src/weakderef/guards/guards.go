// Package guards checks nil tests that go through helpers and ok results.
package guards

import (
	"log"
	"os"
	"testing"
	"weak"
)

type T struct{ F int }

// alive is a nil-check helper: true only when t is non-nil.
func alive(t *T) bool { return t != nil }

// usable is a nil-check helper with more conditions.
func usable(t *T) bool { return t != nil && t.F > 0 }

// notAlwaysChecking returns true for nil too: it guards nothing.
func notAlwaysChecking(t *T, force bool) bool {
	if force {
		return true
	}
	return t != nil
}

func viaHelper(p weak.Pointer[T]) int {
	if v := p.Value(); alive(v) {
		return v.F
	}
	return 0
}

func viaHelperAnd(p weak.Pointer[T]) int {
	if v := p.Value(); usable(v) {
		return v.F
	}
	return 0
}

func viaNegatedHelper(p weak.Pointer[T]) int {
	v := p.Value()
	if !alive(v) {
		return 0
	}
	return v.F
}

func viaWeakHelper(p weak.Pointer[T], force bool) int {
	if v := p.Value(); notAlwaysChecking(v, force) {
		return v.F // want `possible nil dereference`
	}
	return 0
}

// get returns the referent and whether it is alive.
func get(p weak.Pointer[T]) (*T, bool) { // fact maybeNil: checked in testdata/src/referents
	v := p.Value()
	return v, v != nil
}

func commaOK(p weak.Pointer[T]) int {
	if v, ok := get(p); ok {
		return v.F
	}
	return 0
}

func commaOKIgnored(p weak.Pointer[T]) int {
	v, _ := get(p)
	return v.F // want `possible nil dereference: get\(p\) may return nil \(it returns a weak referent unchecked\)`
}

func commaOKEarlyReturn(p weak.Pointer[T]) int {
	v, ok := get(p)
	if !ok {
		return -1
	}
	return v.F
}

func exits(p weak.Pointer[T]) int {
	v := p.Value()
	if v == nil {
		os.Exit(1)
	}
	return v.F
}

func logFatal(p weak.Pointer[T]) int {
	v := p.Value()
	if v == nil {
		log.Fatal("gone")
	}
	return v.F
}

func testFatal(t *testing.T, p weak.Pointer[T]) int {
	v := p.Value()
	if v == nil {
		t.Fatal("gone")
	}
	return v.F
}

func logPrint(p weak.Pointer[T]) int {
	v := p.Value()
	if v == nil {
		log.Print("gone") // returns: does not guard
	}
	return v.F // want `possible nil dereference`
}
