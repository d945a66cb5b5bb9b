package referents

import (
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// pointerConversion returns the operand of a conversion between pointer
// types that keeps the pointer as it is, nil included, or nil if v is not
// one: a change between named pointer types (ChangeType), and a
// conversion to or from a type parameter whose type set holds pointers
// only, as a generic repository returns P(r.cache.Get(k)) for
// P interface{ *T; Key() K } (Convert).
func pointerConversion(v ssa.Value) ssa.Value {
	var x ssa.Value
	switch c := v.(type) {
	case *ssa.ChangeType:
		x = c.X
	case *ssa.Convert:
		x = c.X
	default:
		return nil
	}
	if !pointerLike(x.Type()) || !pointerLike(v.Type()) {
		return nil
	}
	return x
}

// pointerLike reports whether t is a pointer type, or a type parameter
// every type of whose type set is one.
func pointerLike(t types.Type) bool {
	tp, ok := types.Unalias(t).(*types.TypeParam)
	if !ok {
		_, ok := t.Underlying().(*types.Pointer)
		return ok
	}
	iface, ok := tp.Constraint().Underlying().(*types.Interface)
	return ok && termsPointerLike(iface)
}

// termsPointerLike reports whether the constraint iface restricts its type
// set to pointers: it has type terms, and each is a pointer (or a type
// parameter whose own are); embedded interfaces of methods only, as Keyed
// in interface{ *T; Keyed }, restrict nothing.
func termsPointerLike(iface *types.Interface) bool {
	terms := 0
	for i := 0; i < iface.NumEmbeddeds(); i++ {
		switch e := iface.EmbeddedType(i); u := e.Underlying().(type) {
		case *types.Union:
			for j := 0; j < u.Len(); j++ {
				if !pointerLike(u.Term(j).Type()) {
					return false
				}
				terms++
			}
		case *types.Interface:
			if u.IsMethodSet() {
				continue
			}
			if !termsPointerLike(u) {
				return false
			}
			terms++
		default:
			if !pointerLike(e) {
				return false
			}
			terms++
		}
	}
	return terms > 0
}
