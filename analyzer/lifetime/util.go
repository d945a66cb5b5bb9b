package lifetime

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// staticCallee returns the declared function a call invokes, or nil.
func staticCallee(call *ssa.CallCommon) *types.Func {
	return weakapi.SSACallee(call)
}

// staticCallArgs returns the function a call statically invokes and its
// arguments, receiver first (including the receiver bound by a method value).
func staticCallArgs(call *ssa.CallCommon) (*types.Func, []ssa.Value) {
	callee := weakapi.SSACallee(call)
	if callee == nil {
		return nil, nil
	}
	args := call.Args
	if mc, ok := call.Value.(*ssa.MakeClosure); ok {
		args = append(slices.Clone(mc.Bindings), args...)
	}
	return callee, args
}

// fnObj returns the declared function of an SSA function (its generic
// origin), or nil for closures and synthetic functions.
func fnObj(fn *ssa.Function) *types.Func {
	if fn.Synthetic != "" {
		return nil
	}
	obj, _ := fn.Object().(*types.Func)
	if obj == nil {
		return nil
	}
	return obj.Origin()
}

// funcOf returns the function a function value designates: a declared
// function, a closure, or the method behind a method expression's thunk.
func funcOf(v ssa.Value) *ssa.Function {
	switch x := reach.Underlying(v).(type) {
	case *ssa.Function:
		if x.Synthetic != "" {
			// A thunk or wrapper calls the real method.
			for _, b := range x.Blocks {
				for _, instr := range b.Instrs {
					if call, ok := instr.(*ssa.Call); ok {
						if callee := call.Common().StaticCallee(); callee != nil {
							return callee
						}
					}
				}
			}
		}
		return x
	case *ssa.MakeClosure:
		fn, _ := x.Fn.(*ssa.Function)
		return fn
	}
	return nil
}

// isNil reports whether v is the constant nil.
func isNil(v ssa.Value) bool {
	c, ok := reach.Underlying(v).(*ssa.Const)
	return ok && c.IsNil()
}

// file returns the syntax tree of the file containing pos.
func (l *lifetime) file(pos token.Pos) *ast.File {
	for _, f := range l.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// callExpr returns the call expression of an SSA call (whose position is
// the call's left parenthesis), or nil. The package's calls are indexed by
// their parenthesis on first use: astutil.PathEnclosingInterval, once per
// call asked about, sorted the children of every node on the way down, and
// a function of 2000 referents spent 2 s in it.
func (l *lifetime) callExpr(call ssa.CallInstruction) *ast.CallExpr {
	if l.calls == nil {
		l.calls = make(map[token.Pos]*ast.CallExpr)
		for _, f := range l.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					l.calls[c.Lparen] = c
				}
				return true
			})
		}
	}
	return l.calls[call.Pos()]
}

// argExpr returns the source expression of argument i of a call (receiver
// first for a method call), or the call itself.
func (l *lifetime) argExpr(call ssa.CallInstruction, callee *types.Func, i int) ast.Expr {
	c := l.callExpr(call)
	if c == nil {
		return nil
	}
	if callee.Signature().Recv() != nil {
		if i == 0 {
			if sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok {
				if s := l.pass.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
					return sel.X
				}
			}
			if len(c.Args) > 0 { // a method expression: (*T).M(x)
				return c.Args[0]
			}
			return c
		}
		if sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok {
			if s := l.pass.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
				i--
			}
		}
	}
	if i < len(c.Args) {
		return c.Args[i]
	}
	return c
}

// reportArg reports msg at the referent argument of a site.
func (l *lifetime) reportArg(s *site, msg string) {
	var pos, end token.Pos
	if e := l.argExpr(s.call, s.callee, s.ref.Param); e != nil {
		pos, end = e.Pos(), e.End()
	} else {
		pos = s.call.Pos()
	}
	l.out.Report(analysis.Diagnostic{Pos: pos, End: end, Category: "lifetime", Message: msg})
}
