package strongcache

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// A referent read through a weak pointer (p := x.a.wp.Value()) and then
// stored in place of a link on the way to that weak pointer (x.a = p,
// or, on a copy of x, cpy := x; cpy.a = p) does not join it: the store
// replaces what held the weak pointer, so the value no longer reaches it
// there (kaiju's drawing copies that swap in a prepass material: cpy :=
// drawing; cpy.Material = drawing.Material.PrepassMaterial.Value()).

// replacesRoute reports whether the use of a referent at c is stored
// as is (the whole right-hand side of an assignment) into lhs, and lhs is
// a field or element on the access path of from, the expression the weak
// pointer was read from, from the same root variable (following locals
// defined once, as rootVar does).
func (fs *funcScope) replacesRoute(c inspector.Cursor, lhs, from ast.Expr) bool {
	if from == nil || c.ParentEdgeKind() != edge.AssignStmt_Rhs {
		return false
	}
	assign := c.Parent().Node().(*ast.AssignStmt)
	stored := false
	for i, rhs := range assign.Rhs {
		if rhs == c.Node() && i < len(assign.Lhs) && assign.Lhs[i] == lhs {
			stored = true
		}
	}
	if !stored {
		return false
	}
	lroot, lpath := fs.accessPath(lhs)
	wroot, wpath := fs.accessPath(from)
	if lroot == nil || lroot != wroot || len(lpath) == 0 || len(lpath) > len(wpath) {
		return false
	}
	for i := range lpath {
		if lpath[i] != wpath[i] {
			return false
		}
	}
	return true
}

// accessPath returns the variable at the base of e and the field
// selections and indexes that lead from it to e (".Material", "[i]"),
// following locals defined once from another such expression (cpy :=
// normalized[i]), or nil if e is not such a path (a call, a method).
func (fs *funcScope) accessPath(e ast.Expr) (*types.Var, []string) {
	info := fs.a.pass.TypesInfo
	var path []string
	for range 4 {
		var segs []string
		for id := (*ast.Ident)(nil); id == nil; {
			switch x := ast.Unparen(e).(type) {
			case *ast.Ident:
				id = x
			case *ast.StarExpr:
				e = x.X
			case *ast.SelectorExpr:
				if s, ok := info.Selections[x]; !ok || s.Kind() != types.FieldVal {
					return nil, nil
				}
				segs = append([]string{"." + x.Sel.Name}, segs...)
				e = x.X
			case *ast.IndexExpr:
				segs = append([]string{"[" + types.ExprString(x.Index) + "]"}, segs...)
				e = x.X
			default:
				return nil, nil
			}
			if id != nil {
				path = append(segs, path...)
				v, _ := info.ObjectOf(id).(*types.Var)
				if v == nil {
					return nil, nil
				}
				def, ok := fs.defs[v]
				if !ok || def == nil || rootIdent(def) == nil || isParam(v) {
					return v, path
				}
				e = def
			}
		}
	}
	return nil, nil
}
