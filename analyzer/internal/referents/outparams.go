package referents

import (
	"go/token"
	"go/types"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Referents stored through pointer parameters (out-parameters):
//
//	func (r *Registry) Load(id JobID, dst **Job) bool { *dst = r.Job(id); return *dst != nil }
//	var j *Job; r.Load(id, &j); j.Attempts = 0 // a use: Load may store nil
//	var j *Job; if !r.Load(id, &j) { return }; j.Attempts = 0 // checked by Load's result
//
// The Fact describes such a parameter with Field Out and Index the
// parameter (of the callee's Params, receiver included), with OK the bool
// result that is true only when the stored pointer is non-nil. In the
// caller, the loads of a local variable whose address is passed there, and
// that nothing else stores to after the call, read what the call stored;
// they stand for one representative (outRep), so that a check of one
// guards the others.

// Out is the MaybeNil.Field of a pointer parameter through which the
// function stores a possibly reclaimed referent.
const Out = -4

// recordOutStore records a store, at scope at, of an unchecked referent
// through a parameter of the walked function: *dst = w.Value().
func (w *walker) recordOutStore(st *ssa.Store, at scope) {
	p, ok := st.Addr.(*ssa.Parameter)
	if !ok || !isPointer(st.Val.Type()) {
		return
	}
	v := w.c.canon(st.Val)
	if w.originOf(v) == nil || w.nilness(at, v) == nonNil || w.derivedNilness(at, v) == nonNil {
		return
	}
	i := slices.Index(w.fn.Params, p)
	if i < 0 {
		return
	}
	if w.outStores == nil {
		w.outStores = make(map[int][]ssa.Value)
	}
	w.outStores[i] = append(w.outStores[i], v)
}

// outSummary returns the parameters through which the walked function
// stores an unchecked referent, each with the bool result (if any) that is
// true only when what it stored is non-nil: at every return, the result
// implies that the stored value, or a load of the parameter, is non-nil.
func (w *walker) outSummary() []MaybeNil {
	var out []MaybeNil
	results := w.fn.Signature.Results()
	for i, p := range w.fn.Params {
		stored := w.outStores[i]
		if len(stored) == 0 {
			continue
		}
		values := slices.Clone(stored)
		for _, ref := range *p.Referrers() {
			if load, ok := ref.(*ssa.UnOp); ok && load.Op == token.MUL {
				values = append(values, w.c.canon(load))
			}
		}
		m := MaybeNil{Index: i, Field: Out, OK: -1, Err: -1}
		for _, j := range boolResults(results) {
			if w.allReturnsImplyAny(j, values) {
				m.OK = j
				break
			}
		}
		out = append(out, m)
	}
	return out
}

// allReturnsImplyAny reports whether at every return, result j being true
// implies that one of values is non-nil.
func (w *walker) allReturnsImplyAny(j int, values []ssa.Value) bool {
	if len(w.returns) == 0 {
		return false
	}
	for _, r := range w.returns {
		implied := false
		for _, v := range values {
			if w.nilness(r.facts, v) == nonNil || w.boolImplies(r.ret.Results[j], v, true) {
				implied = true
				break
			}
		}
		if !implied {
			return false
		}
	}
	return true
}

// outCall returns the call that stores a possibly reclaimed referent
// through the address of the local variable alloc, with its description,
// if there is one such call and the variable is otherwise only loaded, or
// stored before the call (var j *Job; r.Load(id, &j)).
func (c *checker) outCall(alloc *ssa.Alloc) (*ssa.Call, MaybeNil) {
	cand := c.outCandidate(alloc)
	if cand.call == nil {
		return nil, MaybeNil{}
	}
	m, ok := c.summaryOf(cand.call.Common()).Field(cand.arg, Out)
	if !ok {
		return nil, MaybeNil{}
	}
	return cand.call, m
}

// An outArg is the one call that a local variable's address is passed to.
type outArg struct {
	call *ssa.Call
	arg  int
	rep  ssa.Value // the first load of the variable after the call
}

// outCandidate returns the call that alloc's address is passed to, if the
// variable is a pointer used only so (see outCall); computed once per
// variable, since every load of it asks (the callee's summary, which may
// still grow, is looked at by outCall).
func (c *checker) outCandidate(alloc *ssa.Alloc) outArg {
	if a, ok := c.outArgs[alloc]; ok {
		return a
	}
	a := scanOutArg(alloc)
	if c.outArgs == nil {
		c.outArgs = make(map[*ssa.Alloc]outArg)
	}
	c.outArgs[alloc] = a
	return a
}

func scanOutArg(alloc *ssa.Alloc) outArg {
	if !isPointer(alloc.Type().Underlying().(*types.Pointer).Elem()) {
		return outArg{}
	}
	var a outArg
	var stores []*ssa.Store
	for _, ref := range *alloc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return outArg{}
			}
		case *ssa.Store:
			if ref.Addr != ssa.Value(alloc) {
				return outArg{}
			}
			stores = append(stores, ref)
		case *ssa.Call:
			common := ref.Common()
			if a.call != nil || common.IsInvoke() || common.Value == ssa.Value(alloc) {
				return outArg{}
			}
			i := slices.Index(common.Args, ssa.Value(alloc))
			if i < 0 || slices.Index(common.Args[i+1:], ssa.Value(alloc)) >= 0 {
				return outArg{}
			}
			a.call, a.arg = ref, i
		default:
			return outArg{}
		}
	}
	if a.call == nil {
		return outArg{}
	}
	for _, st := range stores {
		if !comesAfter(st, a.call) {
			return outArg{}
		}
	}
	for _, ref := range *alloc.Referrers() {
		if load, ok := ref.(*ssa.UnOp); ok && load.Op == token.MUL && comesAfter(a.call, load) {
			a.rep = load
			break
		}
	}
	return a
}

// outLoad returns the call whose out-parameter store the load reads.
func (c *checker) outLoad(load *ssa.UnOp) (*ssa.Call, *ssa.Alloc) {
	alloc, ok := load.X.(*ssa.Alloc)
	if !ok || load.Op != token.MUL {
		return nil, nil
	}
	call, _ := c.outCall(alloc)
	if call == nil || !comesAfter(call, load) {
		return nil, nil
	}
	return call, alloc
}

// outRep returns the representative of the loads of alloc that read what
// call stored: the first such load among its referrers.
func (c *checker) outRep(alloc *ssa.Alloc, call *ssa.Call) ssa.Value {
	if a := c.outCandidate(alloc); a.call == call {
		return a.rep
	}
	return nil
}

// outFacts returns what holds where the bool result index of call is true:
// the variables it stored a referent in, guarded by that result, are
// non-nil.
func (c *checker) outFacts(call *ssa.Call, index int) []fact {
	sum := c.summaryOf(call.Common())
	if sum == nil {
		return nil
	}
	var facts []fact
	for _, r := range sum.Results {
		if r.Field != Out || r.OK != index || r.Index >= len(call.Call.Args) {
			continue
		}
		alloc, ok := call.Call.Args[r.Index].(*ssa.Alloc)
		if !ok {
			continue
		}
		if oc, _ := c.outCall(alloc); oc != call {
			continue
		}
		if rep := c.outRep(alloc, call); rep != nil {
			facts = append(facts, fact{rep, true})
		}
	}
	return facts
}
