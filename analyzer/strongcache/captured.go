package strongcache

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// A map is long-lived not only as a package-level variable or a field: a
// local map captured by a closure that the function returns or stores (an
// HTTP handler built by a constructor, a lookup function kept in a field)
// lives as long as that closure, across calls.

// capturedMaps returns the local variables of map or sync.Map type that a
// function literal outliving its call captures.
func capturedMaps(info *types.Info, in *inspector.Inspector) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	for cur := range in.Root().Preorder((*ast.FuncLit)(nil)) {
		lit := cur.Node().(*ast.FuncLit)
		if !outlivesCall(info, cur) {
			continue
		}
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			v, _ := info.Uses[id].(*types.Var)
			if v == nil || v.IsField() || isPackageLevel(v) || (v.Pos() >= lit.Pos() && v.Pos() < lit.End()) {
				return true
			}
			if _, isMap := mapOf(v.Type()); isMap || isSyncMap(v.Type()) {
				out[v] = true
			}
			return true
		})
	}
	return out
}

// outlivesCall reports whether the function literal at cur is returned, or
// stored into a field, a package-level variable or a map or slice element,
// possibly converted (http.HandlerFunc(func...)) or inside a composite
// literal (&Service{lookup: func...}) that is.
func outlivesCall(info *types.Info, cur inspector.Cursor) bool {
	for {
		parent := cur.Parent()
		switch p := parent.Node().(type) {
		case *ast.ParenExpr, *ast.KeyValueExpr, *ast.CompositeLit:
			cur = parent
			continue
		case *ast.UnaryExpr:
			cur = parent
			continue
		case *ast.CallExpr:
			if tv, ok := info.Types[p.Fun]; ok && tv.IsType() {
				cur = parent // a conversion
				continue
			}
			return false
		case *ast.ReturnStmt:
			return true
		case *ast.AssignStmt:
			if cur.ParentEdgeKind() != edge.AssignStmt_Rhs || len(p.Lhs) != len(p.Rhs) {
				return false
			}
			_, idx := cur.ParentEdge()
			switch lhs := ast.Unparen(p.Lhs[idx]).(type) {
			case *ast.Ident:
				v, _ := info.ObjectOf(lhs).(*types.Var)
				return v != nil && isPackageLevel(v)
			case *ast.SelectorExpr, *ast.IndexExpr:
				return true
			}
			return false
		}
		return false
	}
}
