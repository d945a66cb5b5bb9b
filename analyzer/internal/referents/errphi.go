package referents

import (
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
)

// phiErrGuardFacts returns the facts that hold where err, a phi of errors,
// is nil: the pointer phis of its block that are non-nil wherever it is,
// as a retry that reloads a collected value leaves them,
//
//	a, err := s.resolve(id)
//	if errors.Is(err, ErrCollected) {
//		a, err = s.repo.Get(id) // nil only with an error
//	}
//	if err != nil { return err }
//	a.Frozen = true // a is not nil
//
// A pointer phi is guarded if, on each incoming edge where it may be a
// reclaimed referent, that edge's error guards it (errGuarded), recursively
// for nested phis, or is surely not nil.
func (w *walker) phiErrGuardFacts(err *ssa.Phi) []fact {
	var facts []fact
	for _, instr := range err.Block().Instrs {
		p, ok := instr.(*ssa.Phi)
		if !ok {
			break // phis come first in their block
		}
		if p != err && isPointer(p.Type()) && w.phiGuardedByError(p, err, 0) {
			facts = append(facts, fact{p, true})
		}
	}
	return facts
}

// maxErrPhiDepth bounds the nested phis phiGuardedByError looks through.
const maxErrPhiDepth = 4

// phiGuardedByError reports whether p, a phi of pointers in err's block,
// is not a reclaimed nil wherever err is nil (see phiErrGuardFacts).
func (w *walker) phiGuardedByError(p, err *ssa.Phi, depth int) bool {
	if len(p.Edges) != len(err.Edges) {
		return false
	}
	for i, edge := range p.Edges {
		v, e := w.c.canon(edge), w.c.canon(err.Edges[i])
		if w.originOf(v) == nil || surelyNonNilError(e, 0) {
			continue
		}
		if slices.Contains(w.c.errGuarded(e), v) {
			continue
		}
		vp, ok1 := v.(*ssa.Phi)
		ep, ok2 := e.(*ssa.Phi)
		if ok1 && ok2 && vp.Block() == ep.Block() && depth < maxErrPhiDepth && w.phiGuardedByError(vp, ep, depth+1) {
			continue
		}
		return false
	}
	return true
}
