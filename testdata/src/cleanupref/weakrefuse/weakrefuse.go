// Package weakrefuse passes values made by another package's functions as
// cleanup arguments: a result that can hold the object is taken to keep
// the arguments it was made from, unless its type provably holds nothing
// strongly, as a weak pointer does.
package weakrefuse

import (
	"runtime"

	"cleanupref/weakref"
)

type entry struct {
	ref  weakref.Ref
	hits int
}

type forgetArg struct {
	key int
	e   *entry
}

func forget(forgetArg) {}

func dropBox(weakref.Box) {}

// A weak reference made by another package keeps nothing alive.
func weakEntry(t *weakref.Tile) {
	e := &entry{ref: weakref.MakeRef(t)}
	runtime.AddCleanup(t, forget, forgetArg{key: 1, e: e})
}

// A value that holds the tile strongly still does.
func strongBox(t *weakref.Tile) {
	runtime.AddCleanup(t, dropBox, weakref.MakeBox(t)) // want `cleanup argument weakref.MakeBox\(t\), which holds t, so t is never collected`
}
