package weakderef

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// summary returns which results of the walked function may be unchecked
// weak referents, and which bool result (if any) is true only when such a
// result is non-nil, as in `return v, v != nil`. It returns nil if none.
func (w *walker) summary() *maybeNilFact {
	results := w.fn.Signature.Results()
	var fact maybeNilFact
	for i := 0; i < results.Len(); i++ {
		if !isPointer(results.At(i).Type()) {
			continue
		}
		maybeNil := false
		okCandidates := boolResults(results)
		for _, r := range w.returns {
			v := w.c.canon(r.ret.Results[i])
			if w.originOf(v) == nil || nilnessOf(r.facts, v) == nonNil {
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
			fact.Results = append(fact.Results, maybeNilResult{Index: i, OK: ok})
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
	if c, ok := cond.(*ssa.Const); ok && c.Value != nil && c.Value.String() == "false" {
		return true
	}
	onTrue, _ := w.condFacts(cond)
	for _, f := range onTrue {
		if f.value == w.c.canon(ptr) && f.nonNil {
			return true
		}
	}
	return false
}

// guardedParams returns, for a function whose only result is a bool, the
// pointer parameters known to be non-nil whenever it returns true: the nil
// check helpers (func valid(v *T) bool { return v != nil && v.ok }).
func (w *walker) guardedParams() []int {
	results := w.fn.Signature.Results()
	if results.Len() != 1 || !isBool(results.At(0).Type()) || len(w.returns) == 0 {
		return nil
	}
	var guarded []int
	for i, p := range w.fn.Params {
		if !isPointer(p.Type()) {
			continue
		}
		all := true
		for _, r := range w.returns {
			if !w.trueImpliesNonNil(r, p) {
				all = false
				break
			}
		}
		if all {
			guarded = append(guarded, i)
		}
	}
	return guarded
}

// trueImpliesNonNil reports whether, at return r, a true result implies p != nil.
func (w *walker) trueImpliesNonNil(r returnState, p ssa.Value) bool {
	if nilnessOf(r.facts, p) == nonNil {
		return true
	}
	res := r.ret.Results[0]
	if w.impliesNonNil(res, p) {
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
		if nilnessOf(facts, p) != nonNil && !w.impliesNonNil(edge, p) {
			return false
		}
	}
	return true
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
