package referents

import (
	"go/constant"
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// boolConstComparison returns b's other operand and whether b is true
// exactly when that operand is, if b compares a bool with a constant
// (l.Found == false, and the cases of switch l.Found { case true: }).
func boolConstComparison(b *ssa.BinOp) (operand ssa.Value, same, ok bool) {
	x, k := b.X, b.Y
	if _, isConst := x.(*ssa.Const); isConst {
		x, k = k, x
	}
	c, isConst := k.(*ssa.Const)
	if !isConst || c.Value == nil || c.Value.Kind() != constant.Bool {
		return nil, false, false
	}
	return x, constant.BoolVal(c.Value) == (b.Op == token.EQL), true
}

// forwardedField reports whether s, a struct result (or a pointer to one)
// that the function returns, is the result of a call returned as it is
// (return r.find(id)), and returns the callee's description of its field
// f (Field -1 if the callee describes none: the field holds no referent
// from there).
func (c *checker) forwardedField(s ssa.Value, f int) (MaybeNil, bool) {
	call, index := resultCall(s)
	if call == nil {
		return MaybeNil{}, false
	}
	if m, ok := c.summaryOf(call.Common()).Field(index, f); ok {
		return m, true
	}
	return MaybeNil{Index: index, Field: -1, OK: -1, Err: -1}, true
}

// zeroField returns field f of the zero struct constant s (lookup{}), as
// a constant, or nil if s is not a struct or the field is neither a
// pointer, an error nor a bool.
func zeroField(s *ssa.Const, f int) ssa.Value {
	st, ok := s.Type().Underlying().(*types.Struct)
	if !ok || f >= st.NumFields() {
		return nil
	}
	return zeroConst(st.Field(f).Type())
}

// errorResultSet reports whether the return r sets an error result of the
// walked function other than result i to a non-nil error: return
// Snapshot{}, ErrGone. The nil fields of such a struct are said by that
// error, which a field's Err (a field of the same struct) cannot name, so
// goneFields leaves them out: describing them would report every caller
// that checks err.
func (w *walker) errorResultSet(r returnState, i int) bool {
	for j, res := range r.ret.Results {
		if j == i || !isErrorType(res.Type()) {
			continue
		}
		if e := w.c.canon(res); surelyNonNilError(e, 0) || w.nilness(r.facts, e) == nonNil {
			return true
		}
	}
	return false
}
