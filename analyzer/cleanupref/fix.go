package cleanupref

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// A fieldFix rewrites a cleanup closure that reads one field of its object
// into a function of the cleanup argument, passing the field:
//
//	runtime.AddCleanup(p, func(int) { use(p.fd) }, 0)
//	runtime.AddCleanup(p, func(fd int) { use(fd) }, p.fd)
//
// The field is then read when the cleanup is registered rather than when it
// runs, which is what a cleanup that must not reach its object can do.
type fieldFix struct {
	field string // the selection passed as the argument, e.g. "p.fd"
	edits []analysis.TextEdit
}

func (f *fieldFix) suggested() []analysis.SuggestedFix {
	if f == nil {
		return nil
	}
	return []analysis.SuggestedFix{{Message: "pass " + f.field + " as the cleanup argument", TextEdits: f.edits}}
}

// fieldFix returns the rewrite of the cleanup function (argument i of site
// s) if it is mechanical, or nil: a literal closure of one unused parameter,
// given to a known registrar whose argument is a side-effect-free
// expression, whose only references to the object are selections of one
// field of a type that provably cannot lead back to the object, and that
// captures nothing else reaching it.
func (c *checker) fieldFix(call *ast.CallExpr, s *site, i int, obj *reach.Object) *fieldFix {
	if call == nil || s.reg.Kind != weakapi.Cleanup || len(s.reg.Arg) != 1 {
		return nil
	}
	if _, ok := weakapi.LookupRegistrar(s.callee); !ok {
		return nil // a wrapper's argument may not be the cleanup's argument
	}
	switch ast.Unparen(call.Fun).(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return nil // explicit type arguments would need rewriting too
	}
	lit, _ := c.argExpr(call, s, i).(*ast.FuncLit)
	objIdent, _ := c.argExpr(call, s, s.reg.Obj).(*ast.Ident)
	argE := c.argExpr(call, s, s.reg.Arg[0])
	if lit == nil || objIdent == nil || argE == nil || !sideEffectFree(argE) {
		return nil
	}
	objVar, _ := c.pass.TypesInfo.Uses[objIdent].(*types.Var)
	params := lit.Type.Params.List
	if objVar == nil || len(params) != 1 || len(params[0].Names) > 1 {
		return nil
	}
	if len(params[0].Names) == 1 && c.used(lit.Body, c.pass.TypesInfo.Defs[params[0].Names[0]]) {
		return nil
	}

	// Every reference to the object must select the same field.
	var sels []*ast.SelectorExpr
	var field *types.Var
	selected := make(map[*ast.Ident]bool)
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		x, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok || c.pass.TypesInfo.Uses[x] != objVar {
			return true
		}
		selection := c.pass.TypesInfo.Selections[sel]
		if selection == nil || selection.Kind() != types.FieldVal || len(selection.Index()) != 1 {
			return true
		}
		f := selection.Obj().(*types.Var)
		if field == nil {
			field = f
		}
		if f == field {
			sels = append(sels, sel)
			selected[x] = true
		}
		return true
	})
	if field == nil || c.usedExcept(lit.Body, objVar, selected) || reach.MayReach(field.Type(), obj.Elem()) {
		return nil
	}
	if c.writesAny(lit.Body, sels) {
		return nil // the closure would write to, or take the address of, a copy
	}
	if !c.capturesOnly(s.args[i], objIdent.Name, obj) {
		return nil
	}
	name := field.Name()
	if name == "_" || c.nameUsed(lit.Body, name) {
		return nil
	}
	typ, ok := c.typeString(field.Type(), call.Pos())
	if !ok {
		return nil
	}
	fieldText := types.ExprString(sels[0])
	edits := []analysis.TextEdit{
		{Pos: params[0].Pos(), End: params[0].End(), NewText: []byte(name + " " + typ)},
		{Pos: argE.Pos(), End: argE.End(), NewText: []byte(fieldText)},
	}
	for _, sel := range sels {
		edits = append(edits, analysis.TextEdit{Pos: sel.Pos(), End: sel.End(), NewText: []byte(name)})
	}
	return &fieldFix{field: fieldText, edits: edits}
}

// writesAny reports whether body uses one of the selections sels (or a
// field or array element of it) as a variable rather than a value: assigns
// to it, increments it, takes its address or calls a pointer method on it
// (f.mu.Lock()). Passing a copy instead would change what the code does.
func (c *checker) writesAny(body ast.Node, sels []*ast.SelectorExpr) bool {
	target := make(map[ast.Expr]bool)
	for _, sel := range sels {
		target[sel] = true
	}
	var stack []ast.Node
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		stack = append(stack, n)
		if e, ok := n.(ast.Expr); ok && target[e] && c.usedAsVariable(stack) {
			found = true
		}
		return !found
	})
	return found
}

// usedAsVariable reports whether the expression at the top of stack (its
// ancestors below it) is used as a variable: climbing through parentheses,
// field selections and array indexing, it ends on the left of an
// assignment, in ++/--, under &, in a range assignment or as the receiver
// of a pointer method.
func (c *checker) usedAsVariable(stack []ast.Node) bool {
	cur := stack[len(stack)-1].(ast.Expr)
	for i := len(stack) - 2; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
		case *ast.SelectorExpr:
			sel := c.pass.TypesInfo.Selections[p]
			if sel == nil {
				return false
			}
			if sel.Kind() == types.MethodVal {
				_, ptrRecv := sel.Obj().Type().(*types.Signature).Recv().Type().(*types.Pointer)
				_, isPtr := c.pass.TypesInfo.TypeOf(cur).Underlying().(*types.Pointer)
				return ptrRecv && !isPtr
			}
		case *ast.IndexExpr:
			if p.X != cur {
				return false
			}
			if _, isArray := c.pass.TypesInfo.TypeOf(cur).Underlying().(*types.Array); !isArray {
				return false // a slice or map element is shared, not copied
			}
		case *ast.AssignStmt:
			for _, lhs := range p.Lhs {
				if lhs == cur {
					return true
				}
			}
			return false
		case *ast.IncDecStmt:
			return true
		case *ast.UnaryExpr:
			return p.Op == token.AND
		case *ast.RangeStmt:
			return p.Key == cur || p.Value == cur
		default:
			return false
		}
		cur = stack[i].(ast.Expr)
	}
	return false
}

// capturesOnly reports whether the closure fn captures nothing that reaches
// the object besides the variable named objName.
func (c *checker) capturesOnly(fn ssa.Value, objName string, obj *reach.Object) bool {
	mc, ok := fn.(*ssa.MakeClosure)
	if !ok {
		return false
	}
	f := mc.Fn.(*ssa.Function)
	for k, b := range mc.Bindings {
		if k < len(f.FreeVars) && f.FreeVars[k].Name() == objName {
			continue
		}
		if obj.Reach(b) != nil {
			return false
		}
	}
	return true
}

// used reports whether obj is referred to in n.
func (c *checker) used(n ast.Node, obj types.Object) bool {
	return obj != nil && c.usedExcept(n, obj, nil)
}

// usedExcept reports whether obj is referred to in n by an identifier not
// in except.
func (c *checker) usedExcept(n ast.Node, obj types.Object, except map[*ast.Ident]bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !except[id] && c.pass.TypesInfo.Uses[id] == obj {
			found = true
		}
		return !found
	})
	return found
}

// nameUsed reports whether n refers to or declares anything called name,
// which a new parameter of that name would shadow or clash with. Field and
// method names after a dot do not count.
func (c *checker) nameUsed(n ast.Node, name string) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			ast.Inspect(n.X, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok && id.Name == name {
					found = true
				}
				return !found
			})
			return false
		case *ast.Ident:
			if n.Name == name {
				found = true
			}
		}
		return !found
	})
	return found
}

// typeString writes t as the file containing pos can spell it, or reports
// false if it cannot (a package it does not import, an unexported name of
// another package).
func (c *checker) typeString(t types.Type, pos token.Pos) (string, bool) {
	var file *ast.File
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			file = f
		}
	}
	if file == nil {
		return "", false
	}
	ok := true
	qualifier := func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		for _, imp := range file.Imports {
			if path := imp.Path.Value; path[1:len(path)-1] == p.Path() {
				if imp.Name == nil {
					return p.Name()
				}
				if imp.Name.Name != "_" && imp.Name.Name != "." {
					return imp.Name.Name
				}
			}
		}
		ok = false
		return p.Name()
	}
	s := types.TypeString(t, qualifier)
	if n, isNamed := types.Unalias(t).(*types.Named); isNamed && n.Obj().Pkg() != c.pass.Pkg && !n.Obj().Exported() {
		ok = false
	}
	return s, ok
}

// sideEffectFree reports whether deleting e from the source changes
// nothing but the value: literals, names and composite literals of them.
func sideEffectFree(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit, *ast.Ident:
		return true
	case *ast.UnaryExpr:
		return e.Op != token.ARROW && sideEffectFree(e.X)
	case *ast.CompositeLit:
		for _, elt := range e.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			if !sideEffectFree(elt) {
				return false
			}
		}
		return true
	}
	return false
}
