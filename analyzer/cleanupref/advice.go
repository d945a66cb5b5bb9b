package cleanupref

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
)

// usesObjectItself reports whether the cleanup closure lit uses the
// captured variable named name as a whole — calls a method on it, passes it
// on, compares or stores it — rather than only reading fields of it. Such a
// cleanup cannot be rewritten to take a copy of what it needs: it needs the
// object, which is exactly what a cleanup can never have.
func (c *checker) usesObjectItself(lit *ast.FuncLit, name string) bool {
	if lit == nil || name == "" {
		return false
	}
	var captured types.Object
	whole := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if whole {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && id.Name == name && c.capturedBy(lit, id, &captured) {
				if sel := c.pass.TypesInfo.Selections[n]; sel != nil && sel.Kind() == types.FieldVal {
					return false // reads (or writes) a field: a copy would do
				}
				whole = true // a method value or call: needs the object
				return false
			}
		case *ast.Ident:
			if n.Name == name && c.capturedBy(lit, n, &captured) {
				whole = true
			}
		}
		return true
	})
	return whole
}

// capturedBy reports whether id refers to a variable declared outside lit
// (a capture), remembering it in *v so that a shadowing declaration inside
// the closure is told apart.
func (c *checker) capturedBy(lit *ast.FuncLit, id *ast.Ident, v *types.Object) bool {
	obj := c.pass.TypesInfo.Uses[id]
	if obj == nil || obj.Pos() >= lit.Pos() && obj.Pos() < lit.End() {
		return false
	}
	if *v == nil {
		*v = obj
	}
	return *v == obj
}

// atObjectStart reports whether pointer v, derived from the object's
// pointer by taking fields and elements, has offset zero in the object: it
// is then the same address as the object (&p.first), and AddCleanup's check
// arg == ptr fires just as for p itself.
func (c *checker) atObjectStart(v ssa.Value, isObject func(ssa.Value) bool) bool {
	for range 32 {
		if isObject(v) {
			return true
		}
		switch x := v.(type) {
		case *ssa.FieldAddr:
			st, ok := x.X.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Struct)
			if !ok || x.Field >= st.NumFields() {
				return false
			}
			fields := make([]*types.Var, st.NumFields())
			for i := range fields {
				fields[i] = st.Field(i)
			}
			if typeSizes(c.pass).Offsetsof(fields)[x.Field] != 0 {
				return false
			}
			v = x.X
		case *ssa.IndexAddr:
			k, ok := x.Index.(*ssa.Const)
			if !ok || k.Int64() != 0 {
				return false
			}
			if _, isArray := x.X.Type().Underlying().(*types.Pointer); !isArray {
				return false // an element of a slice lives in another allocation
			}
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Convert:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		default:
			return false
		}
	}
	return false
}

// heldByPackageVariable reports, and returns true, when the object is
// stored in a package-level variable (a registry map or slice) by the
// registering function and the cleanup is what would remove it from there:
// the variable keeps the object reachable, so the cleanup never runs and
// the entry is never removed. Neither the runtime nor
// GODEBUG=checkfinalizers=1 can see this.
func (c *checker) heldByPackageVariable(call *ast.CallExpr, s *site, obj *reach.Object, objText, what string) bool {
	holders := obj.PackageHolders()
	if len(holders) == 0 {
		return false
	}
	for _, i := range s.reg.Fn {
		if i >= len(s.args) {
			continue
		}
		fn := cleanupFunction(s.args[i])
		for _, g := range holders {
			if fn == nil || !reach.Refers(fn, g) {
				continue
			}
			c.report(call, s, i, fmt.Sprintf("%s is held by package-level %s, so it is never collected and the %s that removes it from %s never runs: keep a weak.Pointer in %s (or use runtimeweak.ValueMap), or remove %s explicitly",
				objText, g.Name(), what, g.Name(), g.Name(), objText), nil)
			return true
		}
	}
	return false
}

// cleanupFunction returns the function a cleanup or finalizer value runs:
// a closure's body or a named function, looking through the conversion to
// any that SetFinalizer's parameter makes.
func cleanupFunction(v ssa.Value) *ssa.Function {
	switch x := reach.Underlying(v).(type) {
	case *ssa.MakeClosure:
		fn, _ := x.Fn.(*ssa.Function)
		return fn
	case *ssa.Function:
		return x
	}
	return nil
}

// typeSizes returns the pass's sizes, or gc's for the build's architecture
// where the driver supplies none (rules_go's nogo leaves TypesSizes nil).
func typeSizes(pass *analysis.Pass) types.Sizes {
	if pass.TypesSizes != nil {
		return pass.TypesSizes
	}
	return types.SizesFor("gc", build.Default.GOARCH)
}
