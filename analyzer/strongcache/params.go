package strongcache

import (
	"go/ast"
	"go/types"
)

// The weak and strong summaries (weakargs.go, strongargs.go) both name a
// function's parameters by index, -1 for the receiver: paramIndex maps a
// variable to that index in the callee, callArg maps the index back to
// the expression a call passes.

// paramIndex returns the index of v among fn's parameters (-1: the
// receiver), or false if v is none of them.
func paramIndex(fn *types.Func, v *types.Var) (int, bool) {
	if v == nil {
		return 0, false
	}
	sig := fn.Signature()
	if sig.Recv() == v {
		return -1, true
	}
	for i := range sig.Params().Len() {
		if sig.Params().At(i) == v {
			return i, true
		}
	}
	return 0, false
}

// callArg returns the expression a call passes as parameter j of its
// callee (-1: the receiver of a method call), or nil.
func callArg(info *types.Info, call *ast.CallExpr, j int) ast.Expr {
	if j < 0 {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal {
				return sel.X
			}
		}
		return nil
	}
	if j < len(call.Args) {
		return call.Args[j]
	}
	return nil
}
