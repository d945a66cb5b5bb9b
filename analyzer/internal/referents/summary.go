package referents

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
)

// summary returns which results of the walked function may be unchecked
// weak referents, and which bool result (if any) is true only when such a
// result is non-nil, as in `return v, v != nil`, or which error result is
// non-nil whenever it is nil, as in `if v == nil { return nil, ErrGone }`.
// It returns nil if none.
func (w *walker) summary() *Fact {
	results := w.fn.Signature.Results()
	var fact Fact
	for i := 0; i < results.Len(); i++ {
		if !isPointer(results.At(i).Type()) {
			continue
		}
		maybeNil := false
		okCandidates := boolResults(results)
		errCandidates := errorResults(results)
		sentinels := make(map[int][][]string) // per error result: the key groups seen at returns of nil
		notSentinel := make(map[int]bool)     // per error result: a nil returned with an error of no known key
		for _, r := range w.returns {
			v := w.c.canon(r.ret.Results[i])
			unchecked := w.originOf(v) != nil && w.nilness(r.facts, v) != nonNil && !w.nonNilOnEveryPath(r.ret.Block(), v) || w.deferredNil(v)
			if !unchecked && !w.nilWhenGone(r, v) {
				continue
			}
			maybeNil = true
			okCandidates = filter(okCandidates, func(j int) bool {
				return w.impliesNonNil(r.ret.Results[j], v)
			})
			errCandidates = filter(errCandidates, func(j int) bool {
				e := w.c.canon(r.ret.Results[j])
				fwd, forwarded := w.c.forwardedError(v, e)
				if !forwarded && !surelyNonNilError(e, 0) && w.nilness(r.facts, e) != nonNil {
					return false // (if err != nil { return nil, err }: known non-nil here)
				}
				groups := fwd.Sentinels // return get(k): the callee's
				if !forwarded {
					if keys := w.c.errKeys(e, 0); keys != nil {
						groups = [][]string{keys}
					}
				}
				if groups == nil {
					notSentinel[j] = true
				}
				sentinels[j] = joinGroups(sentinels[j], groups)
				return true
			})
		}
		if maybeNil {
			m := MaybeNil{Index: i, Field: -1, OK: -1, Err: -1}
			if len(okCandidates) > 0 {
				m.OK = okCandidates[0]
			}
			if len(errCandidates) > 0 {
				m.Err = errCandidates[0]
				if !notSentinel[m.Err] {
					m.Sentinels = sentinels[m.Err]
					m.AllErrs = w.allErrorsMatch(i, m.Err, m.Sentinels)
				}
			}
			fact.Results = append(fact.Results, m)
		}
	}
	fact.Results = append(fact.Results, w.fieldSummary()...)
	fact.Results = append(fact.Results, w.elemSummary()...)
	fact.Results = append(fact.Results, w.boxedSummary()...)
	fact.Results = append(fact.Results, w.outSummary()...)
	fact.Callbacks = w.callbackSummary()
	fact.SendsOn = joinInts(w.sendsOn, w.c.nestedSendsOn[w.fn])
	if fact.Results == nil && fact.Callbacks == nil && fact.SendsOn == nil {
		return nil
	}
	sortResults(fact.Results)
	return &fact
}

// forwardedError reports whether v and e are results of the same call,
// returned as they are (return h.Resolve()), e being the error result
// that the callee's fact says is non-nil whenever v is nil; it returns
// that fact's description of v.
func (c *checker) forwardedError(v, e ssa.Value) (MaybeNil, bool) {
	ev, ok1 := v.(*ssa.Extract)
	ee, ok2 := e.(*ssa.Extract)
	if !ok1 || !ok2 || ev.Tuple != ee.Tuple {
		return MaybeNil{}, false
	}
	call, ok := ev.Tuple.(*ssa.Call)
	if !ok {
		return MaybeNil{}, false
	}
	r, ok := c.summaryOf(call.Common()).Result(ev.Index)
	if !ok || r.Err != ee.Index {
		return MaybeNil{}, false
	}
	return r, true
}

// allErrorsMatch reports whether every non-nil error that the walked
// function returns as result errIndex matches one of groups (MaybeNil.AllErrs);
// ptrIndex is the pointer result they describe.
func (w *walker) allErrorsMatch(ptrIndex, errIndex int, groups [][]string) bool {
	for _, r := range w.returns {
		e := w.c.canon(r.ret.Results[errIndex])
		if isNilConst(e) || w.nilness(r.facts, e) == isNil {
			continue
		}
		var got [][]string
		if fwd, ok := w.c.forwardedError(w.c.canon(r.ret.Results[ptrIndex]), e); ok && fwd.AllErrs {
			got = fwd.Sentinels
		} else if keys := w.c.errKeys(e, 0); keys != nil {
			got = [][]string{keys}
		}
		if got == nil {
			return false
		}
		for _, g := range got {
			if !slices.ContainsFunc(groups, func(h []string) bool { return slices.Equal(g, h) }) {
				return false
			}
		}
	}
	return true
}

// fieldSummary returns the pointer fields of struct results that may hold
// an unchecked referent: return pair{sym: w.Value()}.
func (w *walker) fieldSummary() []MaybeNil {
	results := w.fn.Signature.Results()
	var out []MaybeNil
	for i := 0; i < results.Len(); i++ {
		st := structOf(results.At(i).Type())
		if st == nil {
			continue
		}
		maybe := make(map[int]bool)
		for _, r := range w.returns {
			s := w.c.canon(r.ret.Results[i])
			fields := w.c.fieldsOf(s)
			if alloc, ok := s.(*ssa.Alloc); ok {
				fields = newStructFields(alloc) // return &route{backend: w.Value()}
			}
			for f, v := range fields {
				if v = w.c.canon(v); w.originOf(v) != nil && w.nilness(r.facts, v) != nonNil {
					maybe[f] = true
				}
			}
			// return lookup(k): the callee's fields, unless read and
			// checked here.
			for f := 0; f < st.NumFields(); f++ {
				if w.c.fieldReps[fieldKey{s, f}] == nil && w.c.callFieldOrigin(s, f) != nil {
					maybe[f] = true
				}
			}
		}
		w.goneFields(i, st, maybe) // return result{Err: errGone}
		for f := range maybe {
			m := MaybeNil{Index: i, Field: f, OK: -1, Err: -1}
			w.fieldGuards(&m, st) // resultfields.go
			out = append(out, m)
		}
	}
	return out
}

// deferredNil reports whether v, a returned value, reads a named result
// that held a referent and that a deferred closure may set to nil:
//
//	func f() (l *T) { defer func() { if recover() != nil { l = nil } }(); l = w.Value(); ... }
func (w *walker) deferredNil(v ssa.Value) bool {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	cell, ok := load.X.(*ssa.Alloc)
	if !ok || !cell.Heap {
		return false
	}
	heldReferent, deferredNil := false, false
	for _, ref := range *cell.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			if w.originOf(w.c.canon(ref.Val)) != nil {
				heldReferent = true
			}
		case *ssa.MakeClosure:
			fn, ok := ref.Fn.(*ssa.Function)
			if !ok || !deferred(ref) {
				continue
			}
			for i, b := range ref.Bindings {
				if b == ssa.Value(cell) && i < len(fn.FreeVars) && storesNil(fn.FreeVars[i]) {
					deferredNil = true
				}
			}
		}
	}
	return heldReferent && deferredNil
}

// deferred reports whether the closure mc is called by a defer statement.
func deferred(mc *ssa.MakeClosure) bool {
	for _, ref := range *mc.Referrers() {
		if d, ok := ref.(*ssa.Defer); ok && d.Call.Value == ssa.Value(mc) {
			return true
		}
	}
	return false
}

// storesNil reports whether nil is stored through the free variable fv.
func storesNil(fv *ssa.FreeVar) bool {
	for _, ref := range *fv.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == ssa.Value(fv) && isNilConst(st.Val) {
			return true
		}
	}
	return false
}

// nilBecauseReclaimed reports whether, at a return of nil, the function
// has just seen a referent be nil (if v == nil { return nil, ErrGone }) or
// a callee report it gone through its error (if err != nil { return nil, err }).
// Only the latest facts are looked at: the check is close to the return.
func (w *walker) nilBecauseReclaimed(at scope) bool {
	found, n := false, 0
	at.each(func(f fact) bool {
		if n++; n > 64 {
			return false
		}
		switch {
		case !f.nonNil && w.originOf(f.value) != nil:
			found = true
		case f.nonNil && len(w.c.errGuarded(f.value)) > 0:
			found = true
		}
		return !found
	})
	return found
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
	ifTrue, ifFalse         []int // parameter indexes
	fieldsTrue, fieldsFalse []int // fields of struct parameters (fieldguards.go)
}

func (g guard) equal(h guard) bool {
	return equalInts(g.ifTrue, h.ifTrue) && equalInts(g.ifFalse, h.ifFalse) &&
		equalInts(g.fieldsTrue, h.fieldsTrue) && equalInts(g.fieldsFalse, h.fieldsFalse)
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
	g.fieldsTrue, g.fieldsFalse = w.guardedFields()
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
	return w.nilness(r.facts, p) == nonNil || w.boolImplies(r.ret.Results[0], p, result)
}

// boolImplies reports whether the bool value b equal to result implies p != nil:
// b is the constant !result, a condition whose facts say so, its negation,
// or a phi each of whose edges either implies it or comes from where p is
// known non-nil, as `p != nil && more` is (false from the failed check,
// more computed past it).
func (w *walker) boolImplies(b, p ssa.Value, result bool) bool {
	return w.boolImpliesDepth(b, p, result, 0)
}

// maxImpliesDepth bounds the phis and negations boolImplies looks through
// (nested && and ||; loops).
const maxImpliesDepth = 6

func (w *walker) boolImpliesDepth(b, p ssa.Value, result bool, depth int) bool {
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
	if depth >= maxImpliesDepth {
		return false
	}
	switch b := b.(type) {
	case *ssa.UnOp:
		return b.Op == token.NOT && w.boolImpliesDepth(b.X, p, !result, depth+1)
	case *ssa.Phi:
		// p may merge at the same block (var v *T; if ok { v = wp.Value();
		// ok = v != nil }; return v, ok): on each edge, what arrives.
		pp, _ := p.(*ssa.Phi)
		if pp != nil && pp.Block() != b.Block() {
			pp = nil
		}
		for i, edge := range b.Edges {
			pred := b.Block().Preds[i]
			if w.c.deadEnd(pred) {
				continue
			}
			pi := p
			if pp != nil {
				pi = w.c.canon(pp.Edges[i])
			}
			if w.nilness(w.edgeFacts(pred, b.Block()), pi) != nonNil && !w.boolImpliesDepth(edge, pi, result, depth+1) && !w.branchDecides(pred, b.Block(), w.c.canon(edge), !result) {
				return false
			}
		}
		return true
	}
	return false
}

// branchDecides reports whether the edge from pred to succ is taken only
// when the bool value b is want: pred branches on b (if ok { ... } falls
// through to succ when ok is false).
func (w *walker) branchDecides(pred, succ *ssa.BasicBlock, b ssa.Value, want bool) bool {
	if len(pred.Instrs) == 0 || len(pred.Succs) != 2 || pred.Succs[0] == pred.Succs[1] {
		return false
	}
	cond, ok := pred.Instrs[len(pred.Instrs)-1].(*ssa.If)
	if !ok || w.c.canon(cond.Cond) != b {
		return false
	}
	return succ == pred.Succs[0] && want || succ == pred.Succs[1] && !want
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

func errorResults(results *types.Tuple) []int {
	var idx []int
	for i := 0; i < results.Len(); i++ {
		if isErrorType(results.At(i).Type()) {
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
// are true, and the pointer parameters that are non-nil, whenever it
// returns: assert(cond bool, msg string) panics or exits unless cond holds,
// mustLive(t, v) ends the test when v is nil; so after a call, cond's facts
// hold, v is non-nil.
func (w *walker) assertedParams() []int {
	return w.paramsAtEveryReturn(nonNil, func(t types.Type) bool { return isBool(t) || isPointer(t) })
}

// assertedNilParams returns the parameters of the walked function that are
// false (a bool) or nil (a pointer, an error or other interface) whenever
// it returns: noErr(t, err) ends the test unless err is nil, so after a
// call err is nil, and the referent its call returned with it is not.
func (w *walker) assertedNilParams() []int {
	return w.paramsAtEveryReturn(isNil, func(t types.Type) bool { return isBool(t) || isPointer(t) || types.IsInterface(t) })
}

// paramsAtEveryReturn returns the parameters of a type that kind accepts
// whose nilness (nonNil standing for true) is want at every return.
func (w *walker) paramsAtEveryReturn(want nilness, kind func(types.Type) bool) []int {
	if len(w.returns) == 0 {
		return nil
	}
	var out []int
	for i, p := range w.fn.Params {
		if !kind(p.Type()) {
			continue
		}
		always := true
		for _, r := range w.returns {
			if w.nilness(r.facts, p) != want {
				always = false
				break
			}
		}
		if always {
			out = append(out, i)
		}
	}
	return out
}
