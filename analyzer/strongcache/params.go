package strongcache

import (
	"go/ast"
	"go/types"
	"maps"
	"slices"
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

// paramOrder returns the parameter indexes of a summary in increasing
// order: where one call could be reported for either of two parameters,
// the report must not depend on map iteration order.
func paramOrder[T any](sum map[int]T) []int {
	return slices.Sorted(maps.Keys(sum))
}

// varOrder returns the variables of a set in source order.
func varOrder(set map[*types.Var]bool) []*types.Var {
	return slices.SortedFunc(maps.Keys(set), func(a, b *types.Var) int { return int(a.Pos() - b.Pos()) })
}
