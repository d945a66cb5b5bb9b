package referents

import (
	"go/token"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Pointers compared equal share their nil-ness:
//
//	pa, pb := a.Parent(), b.Parent()
//	if pa == nil || pa != pb { return "" }
//	return pb.Tag // pa is non-nil and pb equals it
//
// Two possibly reclaimed referents may be equal because both are nil, so
// the comparison alone says nothing of either (condFacts records only
// which way it went, as a fact about the comparison); a use of one is
// guarded where the comparison says they are equal and the other is known
// non-nil, whichever was learned first (x != nil && x == y, or x == y &&
// x != nil).

// equalNilness returns nonNil if v is compared with another pointer that
// is non-nil in scope s, where the comparison says they are equal; unknown
// otherwise. It looks only at v's own comparisons, so its cost is bounded
// by v's uses.
func (w *walker) equalNilness(s scope, v ssa.Value) nilness {
	refs := v.Referrers()
	if refs == nil {
		return unknown
	}
	for _, ref := range *refs {
		e, ok := ref.(*ssa.BinOp)
		if !ok || (e.Op != token.EQL && e.Op != token.NEQ) || !isPointer(e.X.Type()) {
			continue
		}
		other := e.X
		if other == v {
			other = e.Y
		}
		if isNilConst(other) {
			continue
		}
		outcome := w.nilness(s, e) // for a bool, nonNil stands for true
		if outcome == unknown || (outcome == nonNil) != (e.Op == token.EQL) {
			continue // not known equal here
		}
		if w.nilness(s, w.c.canon(other)) == nonNil {
			return nonNil
		}
	}
	return unknown
}

// comparisonFacts returns the facts of the two edges of cond, a comparison
// of two pointers that may both be reclaimed referents: only its outcome.
func comparisonFacts(cond *ssa.BinOp) (onTrue, onFalse []fact) {
	return []fact{{cond, true}}, []fact{{cond, false}}
}
