package referents

import (
	"go/constant"
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/nilsafe"
	"github.com/weaklint/weaklint/internal/ssa"
)

// A nil-safe method that returns a known constant for a nil receiver
// (derefs' NilResults) is a nil check itself, when a branch on its result
// keeps only values other than that constant:
//
//	func (u *User) IsAdmin() bool  { return u != nil && u.Role == Admin } // nil: false
//	func (u *User) GetID() string  { if u == nil { return "" }; return u.ID } // nil: ""
//
//	u := e.user.Value()
//	if !u.IsAdmin() { continue }   // past here IsAdmin() was true: u != nil
//	if u.GetID() == "" { return }  // past here GetID() != "": u != nil
//
// A branch whose surviving side admits the constant (if u.IsAdmin() {…}
// with u used after it, or if !u.IsMuted() { continue } where IsMuted(nil)
// is true) learns nothing.

// withNilResultFacts adds to the facts that the branch on cond learns
// (onTrue, onFalse: condFacts') those of nilResultFacts.
func (w *walker) withNilResultFacts(cond ssa.Value, onTrue, onFalse []fact) ([]fact, []fact) {
	t, f := w.nilResultFacts(cond, 0)
	if len(t) > 0 {
		onTrue = append(onTrue[:len(onTrue):len(onTrue)], t...)
	}
	if len(f) > 0 {
		onFalse = append(onFalse[:len(onFalse):len(onFalse)], f...)
	}
	return onTrue, onFalse
}

// nilResultFacts returns the pointer arguments known non-nil where cond is
// true and where it is false, when cond tests a call's result against a
// constant other than the one the callee returns for a nil argument: the
// result itself if it is a bool (if u.IsAdmin(), through !), or a
// comparison of it with a constant (u.GetID() == "", n.Count() > 0,
// u.Parent() != nil). Conditions of && and || are branches of their own
// in SSA, and a switch is a chain of comparisons, so each is one of these.
func (w *walker) nilResultFacts(cond ssa.Value, depth int) (onTrue, onFalse []fact) {
	switch cond := w.c.canon(cond).(type) {
	case *ssa.UnOp:
		if cond.Op == token.NOT && depth < 8 {
			t, f := w.nilResultFacts(cond.X, depth+1)
			return f, t
		}
	case *ssa.BinOp:
		x, c, op := cond.X, cond.Y, cond.Op
		if _, ok := c.(*ssa.Const); !ok {
			x, c, op = cond.Y, cond.X, flipComparison(op)
		}
		k, ok := c.(*ssa.Const)
		if !ok || flipComparison(op) == token.ILLEGAL {
			return nil, nil
		}
		for _, nr := range w.nilResultsOf(x) {
			switch holds, known := compareNilResult(nr.result, op, k); {
			case !known:
			case holds: // the constant passes the test: a false test excludes it
				onFalse = append(onFalse, nr.arg)
			default:
				onTrue = append(onTrue, nr.arg)
			}
		}
		return onTrue, onFalse
	}
	if isBool(cond.Type()) {
		for _, nr := range w.nilResultsOf(cond) {
			switch v, _ := nr.result.Constant(); {
			case v == nil || v.Kind() != constant.Bool:
			case constant.BoolVal(v):
				onFalse = append(onFalse, nr.arg)
			default:
				onTrue = append(onTrue, nr.arg)
			}
		}
	}
	return onTrue, onFalse
}

// A nilResultOf is a call's result that is the constant result when arg,
// passed as a pointer argument, is nil.
type nilResultOf struct {
	arg    fact // arg non-nil
	result nilsafe.NilResult
}

// nilResultsOf returns, if v is a result of a direct call (a call with one
// result, or an extract of a call's results), the callee's NilResults for
// that result, each with the argument it is about.
func (w *walker) nilResultsOf(v ssa.Value) []nilResultOf {
	call, index := resultCall(w.c.canon(v))
	if call == nil {
		return nil
	}
	common := call.Common()
	callee, direct := common.Value.(*ssa.Function)
	if !direct {
		return nil // an interface's method, a closure, a bound method value (whose receiver is not in Args)
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok {
		return nil
	}
	if recv := obj.Signature().Recv(); recv != nil && (len(common.Args) == 0 || !types.Identical(common.Args[0].Type(), recv.Type())) {
		return nil // a wrapper of a promoted method: it reaches the receiver through a field
	}
	var out []nilResultOf
	for _, nr := range w.c.derefs.NilResults(obj) {
		if nr.Result == index && nr.Param < len(common.Args) && isPointer(common.Args[nr.Param].Type()) {
			arg := w.c.canon(unwrapConversion(common.Args[nr.Param]))
			out = append(out, nilResultOf{fact{arg, true}, nr})
		}
	}
	return out
}

// compareNilResult returns whether "nr op k" holds, with k a constant, and
// whether that is known (false for values of other kinds, or nil against
// a non-nil constant, which the type checker would have refused).
func compareNilResult(nr nilsafe.NilResult, op token.Token, k *ssa.Const) (holds, known bool) {
	v, isNil := nr.Constant()
	if isNil || k.Value == nil {
		if !isNil || k.Value != nil || op != token.EQL && op != token.NEQ {
			return false, false
		}
		return op == token.EQL, true // nil == nil
	}
	if !comparable(v, k.Value, op) {
		return false, false
	}
	return constant.Compare(v, op, k.Value), true
}

// comparable reports whether constant.Compare(x, op, y) is defined.
func comparable(x, y constant.Value, op token.Token) bool {
	kind := func(v constant.Value) constant.Kind {
		switch k := v.Kind(); k {
		case constant.Int, constant.Float:
			return constant.Float // one numeric kind
		default:
			return k
		}
	}
	switch kx := kind(x); {
	case kx == constant.Unknown || kx != kind(y):
		return false
	case kx == constant.Bool || kx == constant.Complex:
		return op == token.EQL || op == token.NEQ
	}
	return true
}

// flipComparison returns op with its operands swapped (a < b is b > a),
// or token.ILLEGAL for anything but a comparison.
func flipComparison(op token.Token) token.Token {
	switch op {
	case token.EQL, token.NEQ:
		return op
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	}
	return token.ILLEGAL
}
