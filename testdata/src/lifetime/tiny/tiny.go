// Package tiny attaches cleanups and weak pointers to objects of every
// size: pointer-free objects under 16 bytes share tiny-allocator blocks
// (rule 1), zero-size ones share one address (rule 2).
package tiny

import (
	"runtime"
	"unsafe"
	"weak"
)

// token is 4 bytes, without pointers.
type token struct{ id uint32 }      // resource (unexported: no fact)
type handle struct{ fd, gen int32 } // 8 bytes
type stamp struct {
	sec int64
	ns  uint16
}                              // 16 bytes with padding: not batched
type pair struct{ a, b int64 } // 16 bytes exactly
type named struct {            // 16 bytes, holds a pointer
	id   int64
	name *string
}
type withString struct{ s string } // a string holds a pointer
type empty struct{}
type emptyArr [0]int
type nested struct {
	e empty
	z [0]uint64
}

func release(int) {}

func tinyObjects() {
	t := &token{id: 1}
	runtime.AddCleanup(t, release, 1) // want `runtime.AddCleanup of a 4-byte pointer-free object \(token\): the tiny allocator packs it into a 16-byte block with other values, so the cleanup may never run while any of them lives`

	h := new(handle)
	runtime.SetFinalizer(h, func(*handle) {}) // want `runtime.SetFinalizer of a 8-byte pointer-free object \(handle\)`

	w := weak.Make(&token{id: 2}) // want `weak.Make of a 4-byte pointer-free object \(token\): .* so the weak pointer may never become nil`
	_ = w

	var counter int64
	runtime.AddCleanup(&counter, release, 0) // want `runtime.AddCleanup of a 8-byte pointer-free object \(int64\)`

	arr := &[3]uint32{}
	runtime.AddCleanup(&arr[1], release, 0) // want `runtime.AddCleanup of a 12-byte pointer-free object \(\[3\]uint32\)`
}

func bigEnough() {
	runtime.AddCleanup(&pair{1, 2}, release, 0)      // quiet: exactly 16 bytes is a small object of its own
	runtime.AddCleanup(&stamp{sec: 1}, release, 0)   // quiet: 16 bytes with padding
	runtime.AddCleanup(&named{id: 1}, release, 0)    // quiet: has a pointer
	runtime.AddCleanup(&withString{"x"}, release, 0) // quiet: a string holds a pointer
	type padded struct {
		id uint32
		_  [12]byte // padding to 16 bytes: the fix the report suggests
	}
	runtime.AddCleanup(&padded{id: 1}, release, 0) // quiet
	owner := &struct {
		tok token
		buf [64]byte
	}{}
	runtime.AddCleanup(&owner.tok, release, 0) // quiet: a field of a large object is that object
	p := unsafe.Pointer(new(int64))
	_ = p
}

// fromSomewhere returns a token the caller did not allocate.
func fromSomewhere(m map[int]*token) *token { return m[1] }

func unknownOrigin(m map[int]*token, counters []int64, n *int64) { // wrapper of runtime.AddCleanup (unexported: no fact)
	runtime.AddCleanup(fromSomewhere(m), release, 0) // want `runtime.AddCleanup of a 4-byte pointer-free object \(token\)`
	runtime.AddCleanup(&counters[0], release, 0)     // quiet: an element of a slice's array, of unknown size
	runtime.AddCleanup(n, release, 0)                // quiet: a *int64 parameter may point into a larger object
}

func zeroSize() {
	runtime.AddCleanup(&empty{}, release, 0) // want `runtime.AddCleanup of a zero-size object \(empty\): zero-size values share one address and are never freed, so the cleanup never runs`
	_ = weak.Make(new(emptyArr))             // want `weak.Make of a zero-size object \(emptyArr\)`
	n := &nested{}
	runtime.SetFinalizer(n, func(*nested) {}) // want `runtime.SetFinalizer of a zero-size object \(nested\)`
	runtime.SetFinalizer(n, nil)              // quiet: removes a finalizer
}

// Track's receiver type alone decides: reported here, not at the callers.
func (t *token) Track() { // want Track:"referent\\(runtime\\.AddCleanup arg=0 typed\\)"
	runtime.AddCleanup(t, release, int(t.id)) // want `runtime.AddCleanup of a 4-byte pointer-free object \(token\)`
}

func callsTrack() {
	t := &token{id: 3}
	t.Track() // quiet: reported in Track
}

// watch is a generic wrapper: its callers are checked.
func watch[T any](p *T) { runtime.AddCleanup(p, release, 0) } // wrapper of runtime.AddCleanup (unexported: no fact)

func callsWatch() {
	watch(&handle{fd: 3}) // want `runtime.AddCleanup of a 8-byte pointer-free object \(handle\)`
	watch(&named{id: 1})  // quiet
	var x int32
	watch(&x) // want `runtime.AddCleanup of a 4-byte pointer-free object \(int32\)`
}

func silenced() {
	runtime.AddCleanup(&token{}, release, 0) //weaklint:ignore lifetime measured: the block is ours alone
}
