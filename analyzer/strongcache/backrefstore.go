package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// Rule 3 for runtimeweak's maps, whose element types are hidden inside
// the library: KeyMap.Store(k, v) with a value that holds k keeps its own
// key alive (the entry is never dropped, WeakKeyDictionary's trap), and
// ValueMap.Store(k, v) with a key that holds v keeps its own value alive.
// Judged at the store, from what the expression holds (&style{w: w}, a
// closure capturing w, a method value bound to w), not from types: a
// KeyMap[Widget, any] is fine until a value points back.

func (a *checker) checkStoreBackRefs() {
	info := a.pass.TypesInfo
	for cur := range a.in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		callee := weakapi.Callee(info, call)
		if callee == nil || len(call.Args) != 2 {
			continue
		}
		r, ok := weakapi.LookupReferent(callee)
		if !ok || !r.Weak || r.Recv == "" || callee.Name() != "Store" {
			continue
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		weakArg, other := call.Args[r.Param], call.Args[1-r.Param]
		id, ok := ast.Unparen(weakArg).(*ast.Ident)
		if !ok {
			continue
		}
		v, _ := info.Uses[id].(*types.Var)
		if v == nil || isPackageLevel(v) {
			continue
		}
		otherCur, ok := cur.FindNode(other)
		if !ok || !holdsVar(info, otherCur, v) {
			continue
		}
		place := types.ExprString(sel.X)
		if r.Param == 0 {
			a.report(call.Pos(), "the value stored in %s holds %s, its weak key: the entry keeps its own key alive, so it is never dropped; store data that does not point back to the key (or a weak pointer to it)", place, v.Name())
		} else {
			a.report(call.Pos(), "the key stored in %s holds %s, its weak value: the entry keeps its own value alive, so the weak pointer never dies; key the map by an id or name instead", place, v.Name())
		}
	}
}

// holdsVar reports whether the value of the expression at c holds v
// strongly: v itself, or v inside a composite literal, behind &, through a
// conversion, captured by a function literal, or bound by a method value.
// Calls and field reads make new values and are not followed.
func holdsVar(info *types.Info, c inspector.Cursor, v *types.Var) bool {
	switch e := c.Node().(type) {
	case *ast.Ident:
		return info.Uses[e] == v
	case *ast.ParenExpr, *ast.CompositeLit, *ast.KeyValueExpr:
		for child := range c.Children() {
			if holdsVar(info, child, v) {
				return true
			}
		}
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			x, _ := c.FindNode(e.X)
			return holdsVar(info, x, v)
		}
	case *ast.CallExpr:
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			if b, isBasic := tv.Type.Underlying().(*types.Basic); isBasic && b.Kind() != types.UnsafePointer {
				return false // a number or a string: a copy
			}
			x, _ := c.FindNode(e.Args[0])
			return holdsVar(info, x, v)
		}
	case *ast.SelectorExpr:
		if id, ok := ast.Unparen(e.X).(*ast.Ident); ok && info.Uses[id] == v && boundToPointer(info, e) {
			return true
		}
	case *ast.FuncLit:
		for u := range c.Preorder((*ast.Ident)(nil)) {
			if info.Uses[u.Node().(*ast.Ident)] == v {
				return true
			}
		}
	}
	return false
}
