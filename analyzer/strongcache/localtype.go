package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// A struct type whose values never leave the function that creates them
// (a per-request resolver, a visitor) holds its maps only for the length
// of a call: a weak map there cannot accumulate dead entries across calls.

// localOnly reports whether every value of the unexported struct type tn
// is created in a function, kept in a local variable of it, and used only
// to select fields and call methods, and whether no method of tn lets its
// receiver go elsewhere. Any other mention of the type (a field, parameter
// or result type, a conversion, a package-level variable) answers false.
func (a *checker) localOnly(tn *types.TypeName) bool {
	if held, ok := a.localTypes[tn]; ok {
		return held
	}
	ok := tn.Pkg() == a.pass.Pkg && !tn.Exported() && a.checkLocalOnly(tn)
	a.localTypes[tn] = ok
	return ok
}

func (a *checker) checkLocalOnly(tn *types.TypeName) bool {
	info := a.pass.TypesInfo
	created := false // a type created nowhere says nothing of its values' lives
	for cur := range a.in.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if info.Uses[id] != tn {
			continue
		}
		c := cur
		if c.ParentEdgeKind() == edge.IndexExpr_X || c.ParentEdgeKind() == edge.IndexListExpr_X {
			c = c.Parent() // an instantiation T[K, V]
		}
		switch c.ParentEdgeKind() {
		case edge.CompositeLit_Type:
			if !a.keptLocally(c.Parent()) {
				return false
			}
			created = true
		case edge.StarExpr_X, edge.Field_Type:
			// A method receiver (func (r *T) ...), checked with the methods.
			if !isReceiverType(c) {
				return false
			}
		case edge.CallExpr_Args:
			call := c.Parent().Node().(*ast.CallExpr)
			if !isBuiltin(info, call.Fun, "new") || !a.keptLocally(c.Parent()) {
				return false
			}
			created = true
		default:
			return false
		}
	}
	if !created {
		return false
	}
	// Methods must not store or return their receiver.
	for cur := range a.in.Root().Preorder((*ast.FuncDecl)(nil)) {
		d := cur.Node().(*ast.FuncDecl)
		if d.Recv == nil || len(d.Recv.List) == 0 || d.Body == nil {
			continue
		}
		fn, _ := info.Defs[d.Name].(*types.Func)
		if fn == nil {
			continue
		}
		recv := fn.Signature().Recv()
		if n, ok := types.Unalias(derefType(recv.Type())).(*types.Named); !ok || n.Origin().Obj() != tn {
			continue
		}
		body, _ := cur.FindNode(d.Body)
		if !a.onlySelected(body, recv) {
			return false
		}
	}
	return true
}

// keptLocally reports whether the value created at cur (a composite
// literal, possibly under &, or a new call) is assigned to a local
// variable that is only used to select fields and call methods.
func (a *checker) keptLocally(cur inspector.Cursor) bool {
	if cur.ParentEdgeKind() == edge.UnaryExpr_X && cur.Parent().Node().(*ast.UnaryExpr).Op == token.AND {
		cur = cur.Parent()
	}
	var id *ast.Ident
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == 1 && len(p.Rhs) == 1 {
			id, _ = p.Lhs[0].(*ast.Ident)
		}
	case *ast.ValueSpec:
		if len(p.Names) == 1 && len(p.Values) == 1 {
			id = p.Names[0]
		}
	}
	if id == nil {
		return false
	}
	v, _ := a.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if v == nil || isPackageLevel(v) || v.IsField() {
		return false
	}
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return a.onlySelected(fn, v)
	}
	return false
}

// onlySelected reports whether every use of v under cur is the operand of
// a field selection or of a method call (v.f, v.m()), not a copy, an
// argument, a result or a bound method value that could outlive the call.
func (a *checker) onlySelected(cur inspector.Cursor, v *types.Var) bool {
	info := a.pass.TypesInfo
	for c := range cur.Preorder((*ast.Ident)(nil)) {
		if info.Uses[c.Node().(*ast.Ident)] != v {
			continue
		}
		if c.ParentEdgeKind() != edge.SelectorExpr_X {
			return false
		}
		// A closure or a goroutine (go w.loop()) may outlive the call.
		for lit := range c.Enclosing((*ast.FuncLit)(nil)) {
			if lit.Node() != cur.Node() && within(lit.Node(), cur.Node()) {
				return false
			}
		}
		sel := c.Parent()
		if s, ok := info.Selections[sel.Node().(*ast.SelectorExpr)]; ok && s.Kind() == types.MethodVal {
			if sel.ParentEdgeKind() != edge.CallExpr_Fun {
				return false // a method value keeps v
			}
			if sel.Parent().ParentEdgeKind() == edge.GoStmt_Call {
				return false
			}
		}
	}
	return true
}

// isReceiverType reports whether the type expression at cur (T or the T
// of *T) is the receiver type of a method declaration.
func isReceiverType(cur inspector.Cursor) bool {
	for c := cur; ; c = c.Parent() {
		switch c.ParentEdgeKind() {
		case edge.StarExpr_X:
			continue
		case edge.Field_Type:
			f := c.Parent()
			return f.ParentEdgeKind() == edge.FieldList_List && f.Parent().ParentEdgeKind() == edge.FuncDecl_Recv
		}
		return false
	}
}

func derefType(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}
