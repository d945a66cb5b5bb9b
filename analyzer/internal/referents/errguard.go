package referents

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// An errGuard describes a validating function: it returns an error (result
// index result), and on every path that returns a nil error its pointer
// parameters params are non-nil, as in
//
//	func check(b *Blob) error { if b == nil { return errGone }; return nil }
//
// so that after `if err := check(b); err != nil { return err }`, b is non-nil.
type errGuard struct {
	result int
	params []int
}

func (g errGuard) equal(h errGuard) bool {
	return g.result == h.result && equalInts(g.params, h.params)
}

// errGuardOf returns the errGuard that the walked function is, if any.
func (w *walker) errGuardOf() errGuard {
	results := w.fn.Signature.Results()
	g := errGuard{result: -1}
	for i := 0; i < results.Len(); i++ {
		if isErrorType(results.At(i).Type()) {
			g.result = i
		}
	}
	if g.result < 0 || len(w.returns) == 0 {
		return errGuard{result: -1}
	}
	for i, p := range w.fn.Params {
		if !isPointer(p.Type()) {
			continue
		}
		guarded := true
		for _, r := range w.returns {
			if w.nilness(r.facts, p) != nonNil && !surelyNonNilError(w.c.canon(r.ret.Results[g.result]), 0) {
				guarded = false
				break
			}
		}
		if guarded {
			g.params = append(g.params, i)
		}
	}
	if g.params == nil {
		return errGuard{result: -1}
	}
	return g
}

// surelyNonNilError reports whether the error value v is certainly not nil:
// a concrete value converted to error, a sentinel error variable, or the
// result of a call such as errors.New or fmt.Errorf; a phi of such values.
func surelyNonNilError(v ssa.Value, depth int) bool {
	switch v := v.(type) {
	case *ssa.MakeInterface:
		return true
	case *ssa.UnOp:
		_, global := v.X.(*ssa.Global)
		return v.Op.String() == "*" && global
	case *ssa.Call:
		return true
	case *ssa.Phi:
		if depth > 4 {
			return false
		}
		for _, e := range v.Edges {
			if !surelyNonNilError(e, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// errGuardFacts returns the facts that hold where err, an error returned by
// a validating function, is nil.
func (w *walker) errGuardFacts(err ssa.Value) []fact {
	var call *ssa.Call
	index := 0
	switch e := err.(type) {
	case *ssa.Call:
		call = e
	case *ssa.Extract:
		call, _ = e.Tuple.(*ssa.Call)
		index = e.Index
	}
	if call == nil {
		return nil
	}
	fn := localCallee(call.Common())
	if fn == nil {
		return nil
	}
	g, ok := w.c.errGuards[fn]
	if !ok || g.result != index {
		return nil
	}
	var facts []fact
	for _, i := range g.params {
		facts = append(facts, fact{w.c.canon(unwrapConversion(call.Common().Args[i])), true})
	}
	return facts
}

func isErrorType(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}
