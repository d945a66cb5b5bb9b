// Package wrap holds wrappers that pass their parameter on to weak.Make or
// runtime.AddCleanup; wrapuse calls them through facts.
package wrap

import (
	"runtime"
	"weak"
)

// Ref makes a weak pointer to p and keeps nothing of it.
func Ref[T any](p *T) weak.Pointer[T] { return weak.Make(p) } // want Ref:"referent\\(weak\\.Make arg=0 drops\\)"

// Pin makes a weak pointer to p and keeps p too.
func Pin[T any](p *T) weak.Pointer[T] { // want Pin:"referent\\(weak\\.Make arg=0\\)"
	pinned = append(pinned, p)
	return weak.Make(p)
}

var pinned []any

// OnCollect runs fn once obj is collected.
func OnCollect[T any](obj *T, fn func()) { // want OnCollect:"referent\\(runtime\\.AddCleanup arg=0\\)"
	runtime.AddCleanup(obj, func(f func()) { f() }, fn)
}

// Small is a 4-byte object.
type Small struct{ N int32 }

// Watch registers a cleanup on s: reported here, by type.
func Watch(s *Small) { // want Watch:"referent\\(runtime\\.AddCleanup arg=0 typed\\)"
	runtime.AddCleanup(s, func(int) {}, 0) // want `runtime.AddCleanup of a 4-byte pointer-free object \(Small\)`
}
