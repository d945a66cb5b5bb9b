package referents

import (
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
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
			e := w.c.canon(r.ret.Results[g.result])
			if w.nilness(r.facts, p) != nonNil && !surelyNonNilError(e, 0) && w.nilness(r.facts, e) != nonNil {
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
	if phi, ok := err.(*ssa.Phi); ok {
		return w.phiErrGuardFacts(phi) // errphi.go
	}
	call, index := resultCall(err)
	if _, field := w.c.fieldCalls[err]; call == nil && !field {
		return nil
	}
	var facts []fact
	for _, p := range w.c.errGuarded(err) {
		facts = append(facts, fact{p, true})
	}
	if call == nil {
		return facts
	}
	g := w.c.checksOf(call.Common())
	if g == nil || len(g.ErrParams) == 0 || g.Err != index {
		return facts
	}
	for _, i := range g.ErrParams {
		if i < len(call.Common().Args) {
			facts = append(facts, fact{w.c.canon(unwrapConversion(call.Common().Args[i])), true})
		}
	}
	return facts
}

func isErrorType(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// errGuarded returns the possibly reclaimed results that are non-nil when
// err, the error result of the same call, is nil: the callee returns nil
// only with an error (if v == nil { return nil, ErrGone }).
func (c *checker) errGuarded(err ssa.Value) []ssa.Value {
	return c.guardedByError(err, func(MaybeNil) bool { return true })
}

// guardedByError returns the results of err's call that the callee's fact
// describes as nil only with a non-nil err, among those that keep accepts.
func (c *checker) guardedByError(err ssa.Value, keep func(MaybeNil) bool) []ssa.Value {
	if g, ok := c.fieldCalls[err]; ok {
		return c.guardedFields(g, false, keep) // res.Err of a struct result (resultfields.go)
	}
	ext, ok := err.(*ssa.Extract)
	if !ok {
		return nil
	}
	call, ok := ext.Tuple.(*ssa.Call)
	if !ok {
		return nil
	}
	sum := c.summaryOf(call.Common())
	if sum == nil {
		return nil
	}
	var ptrs []ssa.Value
	for _, r := range sum.errFor(ext.Index) {
		if !keep(r) {
			continue
		}
		for _, ref := range *call.Referrers() {
			if e, ok := ref.(*ssa.Extract); ok && e.Index == r.Index {
				ptrs = append(ptrs, e)
			}
		}
	}
	return ptrs
}
