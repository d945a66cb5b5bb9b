package reach

import (
	"go/types"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// CanReach reports whether a value of type t can hold a pointer, directly or
// through other pointers, slices, maps, channels, arrays and struct fields,
// that leads to a value of type elem: can a t keep a *elem alive?
//
// Only pointers whose element type is identical to elem count: a *int field
// is not taken to point into an object that has an int field.
//
// A zero-length array holds nothing: weak.Pointer[T] declares one of *T only
// to be typed, and does not keep its referent alive. sync/atomic.Pointer[T]
// declares the same marker but stores a strong *T behind an unsafe.Pointer,
// so it counts as a *T. A weak pointer's own unsafe.Pointer leads to the
// runtime's indirection cell, which the collector never treats as a strong
// reference: even MayReach knows that a weak.Pointer keeps nothing alive, so
// a Ref{wp: weak.Make(d)} returned by another package's function does not
// hold d.
//
// Interfaces, functions, type parameters and unsafe.Pointer are opaque: their
// dynamic contents are unknown, and CanReach assumes they do not lead to elem.
// That keeps the canonical cleanup argument quiet (f.conn, a net.Conn, passed
// to a cleanup that closes it); use MayReach where assuming the worst is right.
func CanReach(t, elem types.Type) bool {
	return typeReaches(t, elem, false, make(map[types.Type]bool))
}

// MayReach is like CanReach but assumes that opaque types (interfaces,
// functions, type parameters, unsafe.Pointer) may lead to elem. A type for
// which MayReach is false provably cannot keep a *elem alive.
func MayReach(t, elem types.Type) bool {
	return typeReaches(t, elem, true, make(map[types.Type]bool))
}

func typeReaches(t, elem types.Type, opaque bool, seen map[types.Type]bool) bool {
	if t == nil || elem == nil {
		return false
	}
	t = types.Unalias(t)
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t := t.(type) {
	case *types.Pointer:
		if types.Identical(t.Elem(), elem) {
			return true
		}
		return typeReaches(t.Elem(), elem, opaque, seen)
	case *types.Named:
		if weakapi.IsWeakPointer(t) {
			return false
		}
		if isAtomicPointer(t) {
			return typeReaches(types.NewPointer(t.TypeArgs().At(0)), elem, opaque, seen)
		}
		return typeReaches(t.Underlying(), elem, opaque, seen)
	case *types.Slice:
		return typeReaches(t.Elem(), elem, opaque, seen)
	case *types.Array:
		return t.Len() > 0 && typeReaches(t.Elem(), elem, opaque, seen)
	case *types.Chan:
		return typeReaches(t.Elem(), elem, opaque, seen)
	case *types.Map:
		return typeReaches(t.Key(), elem, opaque, seen) || typeReaches(t.Elem(), elem, opaque, seen)
	case *types.Struct:
		for f := range t.Fields() {
			if typeReaches(f.Type(), elem, opaque, seen) {
				return true
			}
		}
		return false
	case *types.Tuple:
		for v := range t.Variables() {
			if typeReaches(v.Type(), elem, opaque, seen) {
				return true
			}
		}
		return false
	case *types.Basic:
		return opaque && t.Kind() == types.UnsafePointer
	case *types.Interface, *types.Signature, *types.TypeParam:
		return opaque
	}
	return opaque
}

// isAtomicPointer reports whether t is sync/atomic.Pointer[T].
func isAtomicPointer(t *types.Named) bool {
	obj := t.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == "sync/atomic" && obj.Name() == "Pointer" && t.TypeArgs().Len() == 1
}
