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
// cleanup function fn registered by the registrar call reg (at regCur), is
// never reused: an id freshly taken from a counter, the referent's own
// address or weak pointer, or the referent itself.
func (ix *index) freshKeyDelete(del *ast.CallExpr, fn ast.Node, reg *ast.CallExpr, regCur inspector.Cursor, r weakapi.Registrar) bool {
	return ix.freshInCleanup(deleteKey(ix.pass.TypesInfo, del), fn, reg, regCur, r)
}

// freshInCleanup is freshKeyDelete for a key expression of the cleanup fn.
func (ix *index) freshInCleanup(key ast.Expr, fn ast.Node, reg *ast.CallExpr, regCur inspector.Cursor, r weakapi.Registrar) bool {
	info := ix.pass.TypesInfo
	outer := enclosingFunc(regCur)
	if key == nil || outer == nil {
		return false
	}
	var obj *types.Var
	if id, ok := ast.Unparen(reg.Args[r.Obj]).(*ast.Ident); ok {
		obj, _ = info.Uses[id].(*types.Var)
	}
	// A field of the finalized object itself (SetFinalizer(s, func(s *T) {
	// delete(m, s.id) })): the field of the registered object.
	if sel, ok := ast.Unparen(key).(*ast.SelectorExpr); ok && r.Arg < 0 && obj != nil {
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
			if v, _ := info.Uses[id].(*types.Var); v != nil && isParamOf(info, fn, v, 0) {
				return ix.freshField(obj, sel.Sel.Name, outer, 0)
			}
		}
	}
	// A field of the cleanup's argument (func(a forgetArg) { delete(m, a.id) }):
	// the value the registration puts in that field.
	if sel, ok := ast.Unparen(key).(*ast.SelectorExpr); ok && r.Arg >= 0 && r.Arg < len(reg.Args) {
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
			if v, _ := info.Uses[id].(*types.Var); v != nil && isParamOf(info, fn, v, 0) {
				arg := ast.Unparen(reg.Args[r.Arg])
				if local, ok := arg.(*ast.Ident); ok {
					a, _ := info.Uses[local].(*types.Var)
					return a != nil && !isPackageLevel(a) && !isParam(a) && ix.freshField(a, sel.Sel.Name, outer, 0)
				}
				val := litField(arg, sel.Sel.Name)
				return val != nil && ix.isFresh(val, outer, obj, 0)
			}
		}
	}
	id, ok := ast.Unparen(key).(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := info.Uses[id].(*types.Var)
	if v == nil {
		return false
	}
	if isParamOf(info, fn, v, 0) {
		if r.Arg < 0 {
			return true // the finalized object itself
		}
		// The cleanup's argument: look at what the registrar passes.
		if r.Arg >= len(reg.Args) {
			return false
		}
		return ix.isFresh(reg.Args[r.Arg], outer, obj, 0)
	}
	if v.Pos() >= fn.Pos() && v.Pos() < fn.End() {
		return false // a local of the cleanup itself
	}
	return ix.isFresh(key, outer, obj, 0) // captured from the registering function
}

// isFresh reports whether e, evaluated in function fn, is a value that no
// earlier key can equal: a number taken from a counter (c.next++ then
// c.next, an atomic Add, a function of the package that returns one), the
// address (uintptr(unsafe.Pointer(obj))) or weak pointer of obj, the
// object whose cleanup deletes the key, or obj itself; seen through locals
// defined once and fields set in a composite literal (&T{id: c.next}).
func (ix *index) isFresh(e ast.Expr, fn ast.Node, obj *types.Var, depth int) bool {
	info := ix.pass.TypesInfo
	if depth > 4 || e == nil {
		return false
	}
	e = ast.Unparen(e)
	if isCounterRead(info, fn, e) {
		return true
	}
	switch x := e.(type) {
	case *ast.Ident:
		v, _ := info.Uses[x].(*types.Var)
		if v == nil {
			return false
		}
		if obj != nil && v == obj {
			return true
		}
		if isPackageLevel(v) || isParam(v) {
			return false
		}
		defs := definitions(info, fn, v)
		return len(defs) == 1 && ix.isFresh(defs[0], fn, obj, depth+1)
	case *ast.SelectorExpr:
		if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
			if v, _ := info.Uses[id].(*types.Var); v != nil && !isPackageLevel(v) && !isParam(v) {
				return ix.freshField(v, x.Sel.Name, fn, depth+1)
			}
		}
	case *ast.CallExpr:
		if tv, ok := info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			// uintptr(unsafe.Pointer(obj)), or another conversion of a fresh value.
			return ix.isFresh(x.Args[0], fn, obj, depth+1)
		}
		callee := weakapi.Callee(info, x)
		if weakapi.IsWeakMake(callee) && len(x.Args) == 1 {
			return ix.isFresh(x.Args[0], fn, obj, depth+1)
		}
		if callee == nil || callee.Pkg() != ix.pass.Pkg {
			return false
		}
		// newID(): a function of the package whose every result is fresh.
		decl := ix.funcDecl(callee.Origin())
		if decl == nil || decl.Body == nil {
			return false
		}
		fresh := false
		ok := true
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			if _, lit := n.(*ast.FuncLit); lit {
				return false
			}
			if ret, isRet := n.(*ast.ReturnStmt); isRet {
				if len(ret.Results) != 1 || !ix.isFresh(ret.Results[0], decl, nil, depth+1) {
					ok = false
				}
				fresh = true
			}
			return ok
		})
		return ok && fresh
	}
	return false
}

// freshField reports whether field name of the local v, in fn, is set only
// to a fresh value: in the composite literal that defines v, or by one
// assignment v.name = x.
func (ix *index) freshField(v *types.Var, name string, fn ast.Node, depth int) bool {
	info := ix.pass.TypesInfo
	var vals []ast.Expr
	for _, def := range definitions(info, fn, v) {
		if u, ok := ast.Unparen(def).(*ast.UnaryExpr); ok && u.Op == token.AND {
			def = u.X
		}
		lit, ok := ast.Unparen(def).(*ast.CompositeLit)
		if !ok {
			return false
		}
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok && k.Name == name {
					vals = append(vals, kv.Value)
				}
			}
		}
	}
	ast.Inspect(fn, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, lhs := range as.Lhs {
			if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && sel.Sel.Name == name {
				if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && info.Uses[id] == v {
					vals = append(vals, as.Rhs[i])
				}
			}
		}
		return true
	})
	return len(vals) == 1 && ix.isFresh(vals[0], fn, nil, depth+1)
}

// litField returns the value given to field name in the composite literal
// lit (argT{id: c.ID} or &argT{...}), or nil.
func litField(lit ast.Expr, name string) ast.Expr {
	if u, ok := ast.Unparen(lit).(*ast.UnaryExpr); ok && u.Op == token.AND {
		lit = u.X
	}
	cl, ok := ast.Unparen(lit).(*ast.CompositeLit)
	if !ok {
		return nil
	}
	for _, elt := range cl.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok && k.Name == name {
				return kv.Value
			}
		}
	}
	return nil
}

// funcDecl returns the declaration of a function of the package, or nil.
func (ix *index) funcDecl(fn *types.Func) *ast.FuncDecl {
	if ix.decls == nil {
		ix.decls = map[*types.Func]*ast.FuncDecl{}
		for _, f := range ix.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if obj, ok := ix.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						ix.decls[obj] = fd
					}
				}
			}
		}
	}
	return ix.decls[fn]
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
