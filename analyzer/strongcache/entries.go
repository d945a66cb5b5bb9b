package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// A map whose values only contain a weak pointer (map[K]*T, where T has
// a field of type weak.Pointer) is a weak map only if its entries are
// wrappers of that weak pointer: the package makes the weak pointer for
// the insertion (c.m[k] = &entry{wp: weak.Make(v)}, directly, through a
// local or a helper returning one), or reads the referent through the
// map's entries (c.m[k].wp.Value(), e := c.m[k]; e.wp.Value(), or a range
// over the map). Otherwise the map holds objects strongly that happen to
// keep a weak pointer to something else (kaiju's LoadResult.EntitiesById
// of entities holding a weak pointer to their host, a graph's nodes
// holding weak pointers to their parents): the entries never die, and
// there are no dead weak pointers to accumulate.

// indirectWeak reports whether the map value type t holds a weak pointer
// only inside a struct: not a weak pointer itself, nor a list of them.
func indirectWeak(t types.Type) bool {
	if weakapi.IsWeakPointer(t) {
		return false
	}
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Slice:
		return indirectWeak(u.Elem())
	case *types.Array:
		return indirectWeak(u.Elem())
	}
	return true
}

// wrapsWeak reports whether the entries of map v are wrappers of their
// weak pointer (see above).
func (a *checker) wrapsWeak(v *types.Var, u *varUse) bool {
	for _, ins := range u.inserts {
		if ins.value != nil && a.makesWeak(ins.value, ins.fn) {
			return true
		}
	}
	return a.entryReads()[v]
}

// makesWeak reports whether e, in function fn, makes a weak pointer: it
// contains a weak.Make call or a call of a function of the package that
// returns a weak pointer it makes, or is a local of fn defined by such an
// expression.
func (a *checker) makesWeak(e ast.Expr, fn ast.Node) bool {
	info := a.pass.TypesInfo
	if id, ok := ast.Unparen(e).(*ast.Ident); ok && fn != nil {
		v, _ := info.Uses[id].(*types.Var)
		if v == nil || isPackageLevel(v) {
			return false
		}
		for _, def := range definitions(info, fn, v) {
			if _, isIdent := ast.Unparen(def).(*ast.Ident); !isIdent && a.makesWeak(def, fn) {
				return true
			}
		}
		return false
	}
	sums := a.weakParams()
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		callee := weakapi.Callee(info, call)
		if weakapi.IsWeakMake(callee) {
			found = true
		} else if callee != nil {
			for _, p := range sums[callee.Origin()] {
				if p.result {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// entryReads returns the maps of the package through whose entries a weak
// pointer's Value is read: c.m[k].wp.Value(), or through a local defined
// from c.m[k] or ranging over c.m.
func (a *checker) entryReads() map[*types.Var]bool {
	if a.entryRead != nil {
		return a.entryRead
	}
	a.entryRead = map[*types.Var]bool{}
	info := a.pass.TypesInfo
	entryOf := map[*types.Var]*types.Var{} // local -> the map it was read from
	var receivers []ast.Expr
	for cur := range a.in.Root().Preorder((*ast.AssignStmt)(nil), (*ast.RangeStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			if len(n.Rhs) != 1 {
				continue
			}
			idx, ok := ast.Unparen(n.Rhs[0]).(*ast.IndexExpr)
			if !ok {
				continue
			}
			if m := a.ix.resolveMap(idx.X); m != nil {
				if id, ok := n.Lhs[0].(*ast.Ident); ok {
					if l, ok := info.ObjectOf(id).(*types.Var); ok {
						entryOf[l] = m
					}
				}
			}
		case *ast.RangeStmt:
			if n.Tok != token.DEFINE || n.Value == nil {
				continue
			}
			if m := a.ix.resolveMap(n.X); m != nil {
				if id, ok := n.Value.(*ast.Ident); ok {
					if l, ok := info.Defs[id].(*types.Var); ok {
						entryOf[l] = m
					}
				}
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && weakapi.IsWeakValue(weakapi.Callee(info, n)) {
				receivers = append(receivers, sel.X)
			}
		}
	}
	for _, e := range receivers {
		for e != nil {
			switch x := ast.Unparen(e).(type) {
			case *ast.SelectorExpr:
				e = x.X
			case *ast.StarExpr:
				e = x.X
			case *ast.IndexExpr:
				if m := a.ix.resolveMap(x.X); m != nil {
					a.entryRead[m] = true
				}
				e = x.X
			case *ast.Ident:
				if l, ok := info.Uses[x].(*types.Var); ok && entryOf[l] != nil {
					a.entryRead[entryOf[l]] = true
				}
				e = nil
			default:
				e = nil
			}
		}
	}
	return a.entryRead
}
