package referents

import (
	"go/types"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Referents handed to a function parameter: an iterator's yield or a
// callback called with an unchecked Value() (Fact.Callbacks), which make
// the parameters of the functions passed there possibly reclaimed:
//
//	func (m *Map) Entries() iter.Seq2[K, *V] {
//		return func(yield func(K, *V) bool) { for k, w := range m.m { if !yield(k, w.Value()) { return } } }
//	}
//	for _, v := range m.Entries() { v.X } // v may be nil
//
// A struct handed over carries its pointer fields the same way
// (Callback.Field): yield(Hit{Leaf: n, Parent: n.parent.Value()}) makes
// hit.Parent of the body's hit possibly reclaimed, in every package that
// ranges over the iterator.

// recordCallback records a call, at scope at, of one of the walked
// function's parameters with an unchecked referent as argument.
func (w *walker) recordCallback(call *ssa.Call, at scope) {
	common := call.Common()
	p, ok := w.c.canon(common.Value).(*ssa.Parameter)
	if !ok || !enclosedBy(w.fn, p.Parent()) {
		return
	}
	param := slices.Index(p.Parent().Params, p)
	if param < 0 {
		return
	}
	for i, arg := range common.Args {
		for _, a := range w.c.argReferents(arg) {
			if w.originOf(a.v) == nil || w.nilness(at, a.v) == nonNil || w.derivedNilness(at, a.v) == nonNil {
				continue
			}
			w.addCallback(p, Callback{Result: -1, Param: param, Arg: i, Field: a.field})
		}
	}
}

// A fieldValue is what an argument hands over in one of its fields (field
// -1: the argument itself).
type fieldValue struct {
	field int
	v     ssa.Value
}

// argReferents returns the values that arg hands to the function it is
// passed to: arg itself, or, for a struct, its pointer fields
// (yield(Hit{Leaf: n, Parent: n.parent.Value()})), in field order.
func (c *checker) argReferents(arg ssa.Value) []fieldValue {
	v := c.canon(arg)
	st, ok := v.Type().Underlying().(*types.Struct)
	if !ok {
		return []fieldValue{{-1, v}}
	}
	var out []fieldValue
	for f := 0; f < st.NumFields(); f++ {
		if !isPointer(st.Field(f).Type()) {
			continue
		}
		if fv := c.resultFieldValue(v, f); fv != nil {
			out = append(out, fieldValue{f, c.canon(fv)})
		}
	}
	return out
}

// addCallback records cb, a call of p, a parameter of the walked function
// or of a function it is nested in.
func (w *walker) addCallback(p *ssa.Parameter, cb Callback) {
	if p.Parent() != w.fn {
		// yield called from a closure nested in the iterator (its
		// own range-over-func body): a callback of the iterator.
		if outer := w.c.nestedCallbacks[p.Parent()]; !slices.Contains(outer, cb) {
			w.c.nestedCallbacks[p.Parent()] = append(outer, cb)
			w.nestedChanged = true
		}
		return
	}
	if !slices.Contains(w.callbacks, cb) {
		w.callbacks = append(w.callbacks, cb)
	}
}

// enclosedBy reports whether fn is outer or a closure nested in it.
func enclosedBy(fn, outer *ssa.Function) bool {
	for ; fn != nil; fn = fn.Parent() {
		if fn == outer {
			return true
		}
	}
	return false
}

// callbackSummary returns the walked function's callbacks: those it calls
// itself, and those of the functions it returns (a closure it makes, or
// what a call returns).
func (w *walker) callbackSummary() []Callback {
	out := slices.Concat(w.callbacks, w.c.nestedCallbacks[w.fn])
	slices.SortFunc(out, compareCallbacks)
	out = slices.Compact(out)
	results := w.fn.Signature.Results()
	for _, r := range w.returns {
		for i := 0; i < results.Len(); i++ {
			for _, cb := range w.c.returnedCallbacks(unwrapConversion(w.c.canon(r.ret.Results[i]))) {
				if cb := (Callback{Result: i, Param: cb.Param, Arg: cb.Arg, Field: cb.Field}); !slices.Contains(out, cb) {
					out = append(out, cb)
				}
			}
		}
	}
	slices.SortFunc(out, compareCallbacks)
	return out
}

// returnedCallbacks returns the callbacks of the function value v: a
// function or closure of this package, or a function returned by a call.
func (c *checker) returnedCallbacks(v ssa.Value) []Callback {
	switch v := v.(type) {
	case *ssa.MakeClosure:
		if fn, ok := v.Fn.(*ssa.Function); ok {
			return c.summaries[fn].callbacksOf(-1)
		}
	case *ssa.Function:
		return c.summaries[v].callbacksOf(-1)
	case *ssa.Call:
		return c.summaryOf(v.Common()).callbacksOf(0)
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			return c.summaryOf(call.Common()).callbacksOf(v.Index)
		}
	}
	return nil
}

// paramOrigin returns an origin if p, a parameter of a function literal,
// may be a possibly reclaimed referent: the literal is passed where a
// callback of a function's Fact says so (the range-over-func body passed
// to an iterator that yields Value() unchecked).
func (c *checker) paramOrigin(p *ssa.Parameter) *origin {
	return c.paramFieldOrigin(p, -1)
}

// paramFieldOrigin returns an origin if field f of p (-1: p itself), a
// parameter of a function literal, may be a possibly reclaimed referent,
// as paramOrigin says of p: for hit := range t.Query() { hit.Parent.X }.
func (c *checker) paramFieldOrigin(p *ssa.Parameter, f int) *origin {
	fn := p.Parent()
	if fn == nil || fn.Parent() == nil {
		return nil
	}
	arg := slices.Index(fn.Params, p)
	if arg < 0 {
		return nil
	}
	for _, b := range fn.Parent().Blocks {
		for _, instr := range b.Instrs {
			var lit ssa.Value
			switch instr := instr.(type) {
			case *ssa.MakeClosure:
				if instr.Fn == ssa.Value(fn) {
					lit = instr
				}
			case ssa.CallInstruction:
				if slices.Contains(instr.Common().Args, ssa.Value(fn)) {
					lit = fn
				}
			}
			if lit == nil || lit.Referrers() == nil && lit != ssa.Value(fn) {
				continue
			}
			if o := c.passedCallback(lit, arg, f, instr); o != nil {
				if f >= 0 {
					o.field = structOf(p.Type()).Field(f).Name()
				}
				return o
			}
		}
	}
	return nil
}

// passedCallback returns an origin if the function value lit is passed, as
// a parameter that a Callback describes, to a call that hands argument
// arg a possibly reclaimed referent (in its field f, unless -1). site is
// where lit is made or, for a literal without free variables, passed.
func (c *checker) passedCallback(lit ssa.Value, arg, f int, site ssa.Instruction) *origin {
	var calls []ssa.CallInstruction
	if mc, ok := lit.(*ssa.MakeClosure); ok {
		for _, ref := range *mc.Referrers() {
			if call, ok := ref.(ssa.CallInstruction); ok {
				calls = append(calls, call)
			}
		}
	} else if call, ok := site.(ssa.CallInstruction); ok {
		calls = append(calls, call)
	}
	for _, call := range calls {
		common := call.Common()
		param := slices.Index(common.Args, lit)
		if param < 0 {
			continue
		}
		// it(body), it returned by a call: the callbacks of that result.
		var from *ssa.Call
		var cbs []Callback
		switch v := unwrapConversion(c.canon(common.Value)).(type) {
		case *ssa.Call:
			from, cbs = v, c.summaryOf(v.Common()).callbacksOf(0)
		case *ssa.Extract:
			if t, ok := v.Tuple.(*ssa.Call); ok {
				from, cbs = t, c.summaryOf(t.Common()).callbacksOf(v.Index)
			}
		}
		// each(f), a function that calls its parameter.
		if from == nil {
			if c2, ok := call.(*ssa.Call); ok {
				from, cbs = c2, c.summaryOf(common).callbacksOf(-1)
			}
		}
		for _, cb := range cbs {
			if cb.Param == param && cb.Arg == arg && cb.Field == f {
				return &origin{call: from, wrapper: true, yielded: true}
			}
		}
	}
	return nil
}
