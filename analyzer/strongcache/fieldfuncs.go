package strongcache

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// A cleanup may remove its entry through a function kept in a field of
// the object: s.onCancel(s.id), where the constructor set onCancel to
// b.unsubscribe, which deletes from b.subs. The functions the package
// stores in the field are what the call runs.

// fieldFuncs returns the bodies of the functions of the package stored
// in the func-typed field f: declared functions and methods (onCancel:
// b.unsubscribe) and function literals, set in composite literals or by
// assignment.
func (ix *index) fieldFuncs(in *inspector.Inspector, f *types.Var) []inspector.Cursor {
	if ix.funcFields == nil {
		ix.funcFields = map[*types.Var][]inspector.Cursor{}
		info := ix.pass.TypesInfo
		add := func(c inspector.Cursor, key, value ast.Expr) {
			var field *types.Var
			switch k := ast.Unparen(key).(type) {
			case *ast.Ident:
				field, _ = info.Uses[k].(*types.Var)
			case *ast.SelectorExpr:
				if s, ok := info.Selections[k]; ok && s.Kind() == types.FieldVal {
					field, _ = s.Obj().(*types.Var)
				}
			}
			if field == nil || !field.IsField() {
				return
			}
			if _, ok := field.Type().Underlying().(*types.Signature); !ok {
				return
			}
			field = field.Origin()
			switch v := ast.Unparen(value).(type) {
			case *ast.FuncLit:
				if lc, ok := c.FindNode(v); ok {
					ix.funcFields[field] = append(ix.funcFields[field], lc)
				}
			case *ast.Ident, *ast.SelectorExpr:
				var id *ast.Ident
				if sel, ok := v.(*ast.SelectorExpr); ok {
					id = sel.Sel
				} else {
					id = v.(*ast.Ident)
				}
				fn, _ := info.Uses[id].(*types.Func)
				if fn == nil {
					return
				}
				if d := ix.funcDecl(fn.Origin()); d != nil {
					if dc, ok := in.Root().FindNode(d); ok {
						ix.funcFields[field] = append(ix.funcFields[field], dc)
					}
				}
			}
		}
		for c := range in.Root().Preorder((*ast.KeyValueExpr)(nil), (*ast.AssignStmt)(nil)) {
			switch n := c.Node().(type) {
			case *ast.KeyValueExpr:
				if _, inLit := c.Parent().Node().(*ast.CompositeLit); inLit {
					add(c, n.Key, n.Value)
				}
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i, lhs := range n.Lhs {
						if _, ok := lhs.(*ast.SelectorExpr); ok {
							add(c, lhs, n.Rhs[i])
						}
					}
				}
			}
		}
	}
	return ix.funcFields[f.Origin()]
}

// calledField returns the func-typed field that call calls (s.onCancel(id)), or nil.
func calledField(info *types.Info, call *ast.CallExpr) *types.Var {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return nil
	}
	f, _ := s.Obj().(*types.Var)
	return f
}
