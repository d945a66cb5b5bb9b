package referents

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// summary returns which results of the walked function may be unchecked
// weak referents, and which bool result (if any) is true only when such a
// result is non-nil, as in `return v, v != nil`. It returns nil if none.
func (w *walker) summary() *Fact {
	results := w.fn.Signature.Results()
	var fact Fact
	for i := 0; i < results.Len(); i++ {
		if !isPointer(results.At(i).Type()) {
			continue
		}
		maybeNil := false
		okCandidates := boolResults(results)
		for _, r := range w.returns {
			v := w.c.canon(r.ret.Results[i])
			if w.originOf(v) == nil || w.nilness(r.facts, v) == nonNil {
				continue
			}
			maybeNil = true
			okCandidates = filter(okCandidates, func(j int) bool {
				return w.impliesNonNil(r.ret.Results[j], v)
			})
		}
		if maybeNil {
			ok := -1
			if len(okCandidates) > 0 {
				ok = okCandidates[0]
			}
			fact.Results = append(fact.Results, MaybeNil{Index: i, Field: -1, OK: ok, Err: -1})
		}
	}
	if fact.Results == nil {
		return nil
	}
	return &fact
}

// impliesNonNil reports whether the bool value cond is true only if ptr is
// non-nil: cond is false, ptr != nil, or the ok result that guards ptr.
func (w *walker) impliesNonNil(cond, ptr ssa.Value) bool {
	return w.boolImplies(cond, w.c.canon(ptr), true)
}

// A guard describes a nil-check helper: a function whose only result is a
// bool, and whose pointer parameters are known non-nil when it returns true
// (func alive(v *T) bool { return v != nil && v.ok }) or false
// (func gone(v *T) bool { return v == nil }).
type guard struct {
	ifTrue, ifFalse []int // parameter indexes
}

func (g guard) equal(h guard) bool {
	return equalInts(g.ifTrue, h.ifTrue) && equalInts(g.ifFalse, h.ifFalse)
}

// guardedParams returns the guard that the walked function is, if any.
func (w *walker) guardedParams() guard {
	var g guard
	results := w.fn.Signature.Results()
	if results.Len() != 1 || !isBool(results.At(0).Type()) || len(w.returns) == 0 {
		return g
	}
	for i, p := range w.fn.Params {
		if !isPointer(p.Type()) {
			continue
		}
		if w.allReturnsImply(p, true) {
			g.ifTrue = append(g.ifTrue, i)
		}
		if w.allReturnsImply(p, false) {
			g.ifFalse = append(g.ifFalse, i)
		}
	}
	return g
}

// allReturnsImply reports whether every return of the walked function
// returns result only if p is non-nil.
func (w *walker) allReturnsImply(p ssa.Value, result bool) bool {
	for _, r := range w.returns {
		if !w.returnImplies(r, p, result) {
			return false
		}
	}
	return true
}

// returnImplies reports whether, at return r, returning result implies p != nil.
func (w *walker) returnImplies(r returnState, p ssa.Value, result bool) bool {
	if w.nilness(r.facts, p) == nonNil {
		return true
	}
	res := w.c.canon(r.ret.Results[0])
	if w.boolImplies(res, p, result) {
		return true
	}
	// v != nil && more: a phi of false (from the failed check) and of values
	// computed where p is known non-nil.
	phi, ok := res.(*ssa.Phi)
	if !ok {
		return false
	}
	for i, edge := range phi.Edges {
		facts := w.edgeFacts(phi.Block().Preds[i], phi.Block())
		if w.nilness(facts, p) != nonNil && !w.boolImplies(w.c.canon(edge), p, result) {
			return false
		}
	}
	return true
}

// boolImplies reports whether the bool value b equal to result implies p != nil:
// b is the constant !result, or a condition whose facts say so.
func (w *walker) boolImplies(b, p ssa.Value, result bool) bool {
	b = w.c.canon(b)
	if c, ok := b.(*ssa.Const); ok && c.Value != nil && c.Value.String() == fmt.Sprint(!result) {
		return true
	}
	onTrue, onFalse := w.condFacts(b)
	facts := onTrue
	if !result {
		facts = onFalse
	}
	for _, f := range facts {
		if f.value == p && f.nonNil {
			return true
		}
	}
	return false
}

func boolResults(results *types.Tuple) []int {
	var idx []int
	for i := 0; i < results.Len(); i++ {
		if isBool(results.At(i).Type()) {
			idx = append(idx, i)
		}
	}
	return idx
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

func filter(xs []int, keep func(int) bool) []int {
	var out []int
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// assertedParams returns the bool parameters of the walked function that
// are true whenever it returns: assert(cond bool, msg string) panics or
// exits unless cond holds, so after a call, cond's facts hold.
func (w *walker) assertedParams() []int {
	if len(w.returns) == 0 {
		return nil
	}
	var asserted []int
	for i, p := range w.fn.Params {
		if !isBool(p.Type()) {
			continue
		}
		always := true
		for _, r := range w.returns {
			if w.nilness(r.facts, p) != nonNil {
				always = false
				break
			}
		}
		if always {
			asserted = append(asserted, i)
		}
	}
	return asserted
}
