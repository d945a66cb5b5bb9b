package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// A map keyed by its referent's own id (p.leased[c.ID] = weak.Make(c)),
// where the id is a field every object of the type takes once, fresh from
// a counter, when it is made, and that nothing assigns afterwards, holds
// under each key only the weak pointer of the one object with that id. A
// cleanup that deletes such a key unconditionally cannot remove a newer
// value: there is none, and the entry it removes is the dead object's own.

// identityKeyed reports whether every insertion into the map v (uses u)
// stores weak.Make(x) under x.f, f being an identity field (identityField),
// or under x.ID(), ID being a method of this package or another that
// returns one (identityAccessor; p.borrowed[c.ID()] = weak.Make(c), where
// ID returns the id the driver package takes from a counter).
func (a *checker) identityKeyed(v *types.Var, u *varUse) bool {
	if len(u.inserts) == 0 {
		return false
	}
	for _, ins := range u.inserts {
		ref := a.weakMadeOf(ins.value, ins.fn)
		if ref == nil || !a.identityOf(ins.key, ref) {
			return false
		}
	}
	return true
}

// identityOf reports whether key is x.f or x.M() for the variable x, f an
// identity field and M a method returning one.
func (a *checker) identityOf(key ast.Expr, x *types.Var) bool {
	info := a.pass.TypesInfo
	key = ast.Unparen(key)
	if call, ok := key.(*ast.CallExpr); ok && len(call.Args) == 0 {
		sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		fn, _ := selectedOn(info, sel, x, types.MethodVal).(*types.Func)
		return fn != nil && a.identityAccessor(fn)
	}
	sel, _ := key.(*ast.SelectorExpr)
	f, _ := selectedOn(info, sel, x, types.FieldVal).(*types.Var)
	return f != nil && f.Pkg() == a.pass.Pkg && a.ix.identityField(f)
}

// selectedOn returns what sel (x.f or x.M) selects on the variable x, if
// it is a selection of that kind, or nil.
func selectedOn(info *types.Info, sel *ast.SelectorExpr, x *types.Var, kind types.SelectionKind) types.Object {
	if sel == nil || !isIdentOf(info, ast.Unparen(sel.X), x) {
		return nil
	}
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != kind {
		return nil
	}
	return s.Obj()
}

// weakMadeOf returns the variable x when value, in fn, is weak.Make(x) or a
// local defined once as weak.Make(x); nil otherwise.
func (a *checker) weakMadeOf(value ast.Expr, fn ast.Node) *types.Var {
	info := a.pass.TypesInfo
	if id, ok := ast.Unparen(value).(*ast.Ident); ok && fn != nil {
		v, _ := info.Uses[id].(*types.Var)
		if v == nil || isPackageLevel(v) || isParam(v) {
			return nil
		}
		defs := definitions(info, fn, v)
		if len(defs) != 1 {
			return nil
		}
		value = defs[0]
	}
	call, ok := ast.Unparen(value).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || !weakapi.IsWeakMake(weakapi.Callee(info, call)) {
		return nil
	}
	x, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[x].(*types.Var)
	return v
}

// identityField reports whether the struct field f is set only where its
// object is made, to a value fresh from a counter (&Conn{ID: ids.Add(1)}),
// in every composite literal of the package that sets it, and is never
// assigned, incremented or addressed afterwards.
func (ix *index) identityField(f *types.Var) bool {
	if r, ok := ix.identityFields[f]; ok {
		return r
	}
	if ix.identityFields == nil {
		ix.identityFields = map[*types.Var]bool{}
	}
	info := ix.pass.TypesInfo
	isField := func(e ast.Expr) bool {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		return ok && info.Uses[sel.Sel] == f
	}
	set, ok := 0, true
	for _, file := range ix.pass.Files {
		var funcs []ast.Node // enclosing functions, innermost last
		ast.Inspect(file, func(n ast.Node) bool {
			if !ok {
				return false
			}
			if n == nil {
				return true
			}
			switch n := n.(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				funcs = append(funcs, n)
			case *ast.AssignStmt:
				for _, lhs := range n.Lhs {
					if isField(lhs) {
						ok = false
					}
				}
			case *ast.IncDecStmt:
				if isField(n.X) {
					ok = false
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND && isField(n.X) {
					ok = false
				}
			case *ast.CompositeLit:
				if val := litFieldValue(info, n, f); val != nil {
					set++
					fn := enclosingOf(funcs, n)
					if fn == nil || !ix.isFresh(val, fn, nil, 0) {
						ok = false
					}
				}
			}
			return true
		})
	}
	r := ok && set > 0
	ix.identityFields[f] = r
	return r
}

// enclosingOf returns the innermost of funcs (listed in preorder) that
// contains n.
func enclosingOf(funcs []ast.Node, n ast.Node) ast.Node {
	for i := len(funcs) - 1; i >= 0; i-- {
		if funcs[i].Pos() <= n.Pos() && n.End() <= funcs[i].End() {
			return funcs[i]
		}
	}
	return nil
}

// litFieldValue returns the value the composite literal lit gives the
// struct field f, keyed (T{f: x}) or by position (T{x, y}); nil if lit does
// not set f.
func litFieldValue(info *types.Info, lit *ast.CompositeLit, f *types.Var) ast.Expr {
	st, ok := types.Unalias(info.TypeOf(lit)).Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok && info.Uses[k] == f {
				return kv.Value
			}
			continue
		}
		if i < st.NumFields() && st.Field(i) == f {
			return elt
		}
	}
	return nil
}
