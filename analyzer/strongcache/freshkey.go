package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// A cleanup that deletes its key unconditionally is correct when the key is
// never reused: a handle table that numbers its entries from a counter
// (h.next++; id := h.next; h.m[id] = weak.Make(v)) stores no newer value
// under the id of a dead one, so there is nothing for the delete to remove
// by mistake.

// freshKeyDelete reports whether the key deleted by del, inside the
// cleanup function fn registered by the registrar call reg (at regCur,
// with argument index argIdx), is an id freshly taken from a counter.
func (ix *index) freshKeyDelete(del *ast.CallExpr, fn ast.Node, reg *ast.CallExpr, regCur inspector.Cursor, argIdx int) bool {
	info := ix.pass.TypesInfo
	key := deleteKey(info, del)
	id, ok := ast.Unparen(key).(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := info.Uses[id].(*types.Var)
	if v == nil {
		return false
	}
	if isParamOf(info, fn, v, 0) {
		// The cleanup's argument: look at what the registrar passes.
		if argIdx < 0 || argIdx >= len(reg.Args) {
			return false
		}
		arg, ok := ast.Unparen(reg.Args[argIdx]).(*ast.Ident)
		if !ok {
			return false
		}
		if v, _ = info.Uses[arg].(*types.Var); v == nil {
			return false
		}
	} else if v.Pos() >= fn.Pos() && v.Pos() < fn.End() {
		return false // a local of the cleanup itself
	}
	outer := enclosingFunc(regCur)
	if outer == nil || isPackageLevel(v) || isParam(v) {
		return false
	}
	defs := definitions(info, outer, v)
	return len(defs) == 1 && isCounterRead(info, outer, defs[0])
}

// deleteKey returns the key argument of delete(m, k) or of a sync.Map
// Delete or LoadAndDelete call.
func deleteKey(info *types.Info, call *ast.CallExpr) ast.Expr {
	if isBuiltin(info, call.Fun, "delete") && len(call.Args) == 2 {
		return call.Args[1]
	}
	if _, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && len(call.Args) == 1 {
		return call.Args[0]
	}
	return nil
}

// isParamOf reports whether v is parameter i of the function fn.
func isParamOf(info *types.Info, fn ast.Node, v *types.Var, i int) bool {
	var ft *ast.FuncType
	switch f := fn.(type) {
	case *ast.FuncLit:
		ft = f.Type
	case *ast.FuncDecl:
		ft = f.Type
	}
	if ft == nil || ft.Params == nil {
		return false
	}
	n := 0
	for _, field := range ft.Params.List {
		for _, name := range field.Names {
			if n == i && info.Defs[name] == v {
				return true
			}
			n++
		}
	}
	return false
}

// enclosingFunc returns the innermost function enclosing cur.
func enclosingFunc(cur inspector.Cursor) ast.Node {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c.Node()
	}
	return nil
}

// isCounterRead reports whether e, in fn, takes a new value of a counter:
// atomic.AddUint64(&c.n, 1) and its relatives, c.n.Add(1) on a sync/atomic
// integer, or a read of a field or package-level variable that fn also
// increments (c.n++, c.n += 1).
func isCounterRead(info *types.Info, fn ast.Node, e ast.Expr) bool {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok {
		callee := weakapi.Callee(info, call)
		if callee == nil || callee.Pkg() == nil || callee.Pkg().Path() != "sync/atomic" {
			return false
		}
		switch callee.Name() {
		case "AddInt32", "AddInt64", "AddUint32", "AddUint64", "AddUintptr", "Add":
			return true
		}
		return false
	}
	switch e.(type) {
	case *ast.SelectorExpr, *ast.Ident:
	default:
		return false
	}
	want := types.ExprString(e)
	incremented := false
	ast.Inspect(fn, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.IncDecStmt:
			if s.Tok == token.INC && types.ExprString(s.X) == want {
				incremented = true
			}
		case *ast.AssignStmt:
			if s.Tok == token.ADD_ASSIGN && len(s.Lhs) == 1 && types.ExprString(s.Lhs[0]) == want {
				incremented = true
			}
		}
		return !incremented
	})
	if !incremented {
		return false
	}
	// A local counter starts over on each call: only a field or a
	// package-level variable numbers entries across calls.
	root := rootIdent(e)
	v, _ := info.Uses[root].(*types.Var)
	if v == nil {
		return false
	}
	_, isSel := e.(*ast.SelectorExpr)
	return isSel || isPackageLevel(v)
}
