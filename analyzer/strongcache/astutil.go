package strongcache

// Small syntax and type helpers shared by the rules.

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// isPackageLevel reports whether v is a package-level variable.
func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && !v.IsField() && v.Parent() == v.Pkg().Scope()
}

// isParam reports whether v is a parameter or receiver of its function.
func isParam(v *types.Var) bool {
	return v.Kind() == types.ParamVar || v.Kind() == types.RecvVar
}

// isNil reports whether e is the predeclared nil.
func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

func within(n, outer ast.Node) bool {
	return outer != nil && n.Pos() >= outer.Pos() && n.End() <= outer.End()
}

// rootIdent returns the variable at the base of a selector, index or
// dereference chain (c in c.m[k].f), or nil.
func rootIdent(e ast.Expr) *ast.Ident {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return x
		case *ast.ParenExpr:
			e = x.X
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.SliceExpr:
			e = x.X
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil
			}
			e = x.X
		default:
			return nil
		}
	}
}

// outerFunc returns the outermost function (declaration or literal) that
// encloses cur, or nil at package level.
func outerFunc(cur inspector.Cursor) ast.Node {
	var fn ast.Node
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn = c.Node()
	}
	return fn
}

// assignedLocal returns the local variable that the assignment or
// declaration n gives the value at c, or nil if it gives it to something
// else (a field, an element, a package-level variable) or c is not one of
// its values: a value is followed through one local to where it ends up.
func assignedLocal(info *types.Info, n ast.Node, c inspector.Cursor) *types.Var {
	var lhs []ast.Expr
	var rhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		if len(n.Lhs) != len(n.Rhs) {
			return nil // x, err := f(): which result is c's is not followed
		}
		lhs, rhs = n.Lhs, n.Rhs
	case *ast.ValueSpec:
		for _, name := range n.Names {
			lhs = append(lhs, name)
		}
		rhs = n.Values
	}
	for i, r := range rhs {
		if r != c.Node() || i >= len(lhs) {
			continue
		}
		id, ok := lhs[i].(*ast.Ident)
		if !ok {
			return nil
		}
		v, _ := info.ObjectOf(id).(*types.Var)
		if v == nil || isPackageLevel(v) {
			return nil
		}
		return v
	}
	return nil
}

// climbValue returns the outermost expression around c that holds c's
// value as it is: c itself, or the parentheses, composite literals (as an
// element or a field's value) and & around it. The rules that follow a
// value to where it is stored or returned start from there.
func climbValue(c inspector.Cursor) inspector.Cursor {
	for {
		parent := c.Parent()
		switch p := parent.Node().(type) {
		case *ast.ParenExpr, *ast.CompositeLit:
		case *ast.KeyValueExpr:
			if p.Value != c.Node() {
				return c // a struct field name
			}
		case *ast.UnaryExpr:
			if p.Op != token.AND {
				return c
			}
		default:
			return c
		}
		c = parent
	}
}
