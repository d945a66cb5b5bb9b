package referents

import (
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// pointerConversion returns the operand of v if v is a conversion that
// keeps a pointer as it is, nil included, or nil: a ChangeType between
// named pointer types, or to or from a type parameter whose type set holds
// pointers only, as a generic repository returns P(r.cache.Get(k)) for P
// interface{ *T; Key() K }. (The builder emits Convert only for changes
// of representation, between pointers and unsafe.Pointer among them.)
func pointerConversion(v ssa.Value) ssa.Value {
	c, ok := v.(*ssa.ChangeType)
	if !ok || !pointerLike(c.X.Type()) || !pointerLike(c.Type()) {
		return nil
	}
	return c.X
}

// pointerLike reports whether t is a pointer type, or a type parameter
// every type of whose type set is one (its normal terms, as the SSA
// builder computes them: interface{ *T; Keyed } has the one term *T).
func pointerLike(t types.Type) bool {
	if _, ok := types.Unalias(t).(*types.TypeParam); !ok {
		_, ok := t.Underlying().(*types.Pointer)
		return ok
	}
	terms, err := ssa.NormalTerms(t)
	if err != nil || len(terms) == 0 {
		return false
	}
	for _, term := range terms {
		if _, ok := term.Type().Underlying().(*types.Pointer); !ok {
			return false
		}
	}
	return true
}
