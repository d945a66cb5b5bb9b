package strongcache

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// The machinery shared by the parameter summaries (weakParams,
// strongParams) and rule 1: the package's function declarations with
// their calls, and one funcScope per declaration, each built once per
// package rather than once per user.

// A declFunc is a function declaration of the package that has a body.
type declFunc struct {
	fn    *types.Func
	cur   inspector.Cursor
	calls []inspector.Cursor // the calls in it, in source order
}

// declFuncs returns the package's function declarations with a body, in
// source order.
func (a *checker) declFuncs() []*declFunc {
	if a.decls != nil {
		return a.decls
	}
	a.decls = []*declFunc{}
	for cur := range a.in.Root().Preorder((*ast.FuncDecl)(nil)) {
		d := cur.Node().(*ast.FuncDecl)
		fn, _ := a.pass.TypesInfo.Defs[d.Name].(*types.Func)
		if fn == nil || d.Body == nil {
			continue
		}
		f := &declFunc{fn: fn, cur: cur}
		for c := range cur.Preorder((*ast.CallExpr)(nil)) {
			f.calls = append(f.calls, c)
		}
		a.decls = append(a.decls, f)
	}
	return a.decls
}

// scopeOf returns the funcScope of the function declaration at cur. A
// funcScope is not changed once built, so its users share it.
func (a *checker) scopeOf(cur inspector.Cursor) *funcScope {
	d := cur.Node().(*ast.FuncDecl)
	if fs := a.scopes[d]; fs != nil {
		return fs
	}
	if a.scopes == nil {
		a.scopes = map[*ast.FuncDecl]*funcScope{}
	}
	fs := a.newFuncScope(cur)
	a.scopes[d] = fs
	return fs
}

// fixedPoint calls step until it reports no change. The summaries' sets
// only grow, so it ends, and the least fixed point does not depend on the
// order in which step visits the declarations.
func fixedPoint(step func() (changed bool)) {
	for step() {
	}
}
