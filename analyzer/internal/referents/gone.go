package referents

import (
	"go/token"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Nil returned on a path where a referent is gone. nilBecauseReclaimed
// looks at the facts that dominate a return of nil; these functions look at
// the paths that reach it, for the nil a function returns after a check
// that did not dominate the return:
//
//	if o == nil || o.Name != name { return nil, false } // two edges, one where o is gone
//	for _, p := range ps { if v := p.Value(); v != nil { return v } }; return nil
//	l, ok := cache.Load(k); if !ok { return nil, ErrNoLease } // ok false: the referent is gone
//
// A block is reached when gone if an edge on which a referent was just
// found gone leads to it (the edge opposite to one on which a check makes
// a referent non-nil: v != nil, an ok that guards it, a nil error of its
// call, a nil-check helper), through edges that record no other failure:
// a nil pointer that is not a referent, a non-nil error that does not say
// a referent is gone, a false ok of a lookup that is not a referent's (a
// map, a type assertion, a call: if !ok { return nil } after a strong
// fallback is that lookup's nil, not the collector's).

// nilWhenGone reports whether the return r returns nil as v (a result
// that is not an unchecked referent) because a referent is gone: the nil
// constant where the facts show a referent was just found gone
// (nilBecauseReclaimed) or in a block reached when gone, or a variable
// (a φ) that may still hold nil on an edge taken when gone.
func (w *walker) nilWhenGone(r returnState, v ssa.Value) bool {
	if w.nilness(r.facts, v) == isNil {
		return w.nilBecauseReclaimed(r.facts) || w.reachedWhenGone(r.ret.Block())
	}
	phi, ok := v.(*ssa.Phi)
	return ok && w.phiNilWhenGone(phi, make(map[*ssa.Phi]bool))
}

// phiNilWhenGone reports whether the φ may be nil on an edge taken when a
// referent is gone: var res *T; for ... { if v := p.Value(); v != nil { res
// = v; break } }; return res (res still nil when every referent is gone).
func (w *walker) phiNilWhenGone(phi *ssa.Phi, seen map[*ssa.Phi]bool) bool {
	if seen[phi] {
		return false
	}
	seen[phi] = true
	for i, e := range phi.Edges {
		pred := phi.Block().Preds[i]
		if w.c.deadEnd(pred) {
			continue
		}
		e = w.c.canon(e)
		if w.goneEdgeTo(pred, phi.Block()) && mayHoldNil(e, make(map[*ssa.Phi]bool)) {
			return true
		}
		if p, ok := e.(*ssa.Phi); ok && w.phiNilWhenGone(p, seen) {
			return true
		}
	}
	return false
}

// mayHoldNil reports whether v is the nil constant or a φ with such an edge.
func mayHoldNil(v ssa.Value, seen map[*ssa.Phi]bool) bool {
	if isNilConst(v) {
		return true
	}
	phi, ok := v.(*ssa.Phi)
	if !ok || seen[phi] {
		return false
	}
	seen[phi] = true
	for _, e := range phi.Edges {
		if mayHoldNil(e, seen) {
			return true
		}
	}
	return false
}

// An edgeKind classifies a branch edge for goneBlocks.
type edgeKind int

const (
	passEdge edgeKind = iota // learns nothing about referents or failures
	goneEdge                 // a referent was just found gone (nil, or its lookup failed)
	failEdge                 // something else failed: a nil from there is not the collector's
)

// reachedWhenGone reports whether block b is reached from an edge on which
// a referent was found gone (see goneBlocks).
func (w *walker) reachedWhenGone(b *ssa.BasicBlock) bool {
	if w.gone == nil {
		w.gone = w.goneBlocks()
	}
	return w.gone[b.Index]
}

// goneEdgeTo reports whether the edge from pred into succ is taken when a
// referent was found gone: a gone edge, or a pass edge out of a block
// reached when gone.
func (w *walker) goneEdgeTo(pred, succ *ssa.BasicBlock) bool {
	switch w.edgeKindOf(pred, succ) {
	case goneEdge:
		return true
	case failEdge:
		return false
	}
	return w.reachedWhenGone(pred)
}

// goneBlocks marks the blocks reached when gone, by one forward pass over
// the edges from the gone edges (linear in the function's size).
func (w *walker) goneBlocks() []bool {
	gone := make([]bool, len(w.fn.Blocks))
	var queue []*ssa.BasicBlock
	mark := func(b *ssa.BasicBlock) {
		if !gone[b.Index] {
			gone[b.Index] = true
			queue = append(queue, b)
		}
	}
	for _, b := range w.fn.Blocks {
		if !w.seen[b.Index] || w.c.deadEnd(b) {
			continue
		}
		for _, s := range b.Succs {
			if w.edgeKindOf(b, s) == goneEdge {
				mark(s)
			}
		}
	}
	for len(queue) > 0 {
		b := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if w.c.deadEnd(b) {
			continue
		}
		for _, s := range b.Succs {
			if w.edgeKindOf(b, s) != failEdge {
				mark(s)
			}
		}
	}
	return gone
}

// edgeKindOf classifies the edge from b to its successor s.
func (w *walker) edgeKindOf(b, s *ssa.BasicBlock) edgeKind {
	if len(b.Succs) != 2 || b.Succs[0] == b.Succs[1] {
		return passEdge
	}
	ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return passEdge
	}
	onTrue, onFalse := w.branchKinds(ifInstr.Cond)
	if s == b.Succs[0] {
		return onTrue
	}
	return onFalse
}

// branchKinds classifies the two edges of a branch on cond.
func (w *walker) branchKinds(cond ssa.Value) (onTrue, onFalse edgeKind) {
	cond = w.c.canon(cond)
	switch c := cond.(type) {
	case *ssa.UnOp:
		if c.Op == token.NOT {
			t, f := w.branchKinds(c.X)
			return f, t
		}
	case *ssa.BinOp:
		if !isNilConst(c.X) && !isNilConst(c.Y) {
			return passEdge, passEdge // v == p: equal to a strong pointer, or not
		}
	case *ssa.Extract:
		if isBool(c.Type()) && len(w.c.okPartners(c)) == 0 {
			return passEdge, failEdge // v, ok := m[k]: a lookup that is not a referent's failed
		}
	}
	t, f := w.condFacts(cond)
	return w.classifyEdge(t, f), w.classifyEdge(f, t)
}

// classifyEdge classifies an edge on which the facts here hold, the other
// edge of its branch having the facts there: gone if there a referent is
// non-nil, failed if here records another failure.
func (w *walker) classifyEdge(here, there []fact) edgeKind {
	for _, f := range there {
		if f.nonNil && isPointer(f.value.Type()) && w.originOf(f.value) != nil {
			return goneEdge
		}
	}
	if w.failure(here) {
		return failEdge
	}
	return passEdge
}

// failure reports whether the facts of an edge say that a pointer that is
// not a referent is nil, or that an error is non-nil that does not say a
// referent is gone.
func (w *walker) failure(facts []fact) bool {
	for _, f := range facts {
		switch {
		case isErrorType(f.value.Type()):
			if f.nonNil && len(w.c.errGuarded(f.value)) == 0 {
				return true
			}
		case isPointer(f.value.Type()):
			if !f.nonNil && w.originOf(f.value) == nil {
				return true
			}
		}
	}
	return false
}
