package lifetime

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/internal/ssa"
)

// BenchmarkStaticPointers asks staticPointer of each of n package-level
// pointers to literals in a package of n functions, all built (as where
// the package imports weak): what originOf asks at each weak.Make(g) of a
// global. One scan of the functions answers for all globals
// (assignedOutsideInit), so time per op should grow with n, not n².
func BenchmarkStaticPointers(b *testing.B) {
	for _, n := range []int{100, 400} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var src strings.Builder
			src.WriteString("package p\n\ntype T struct{ x int }\n")
			for i := range n {
				fmt.Fprintf(&src, "\nvar g%d = &T{x: %d}\n\nfunc f%d() int { return g%d.x + 1 }\n", i, i, i, i)
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "p.go", src.String(), 0)
			if err != nil {
				b.Fatal(err)
			}
			info := &types.Info{
				Types:      map[ast.Expr]types.TypeAndValue{},
				Defs:       map[*ast.Ident]types.Object{},
				Uses:       map[*ast.Ident]types.Object{},
				Implicits:  map[ast.Node]types.Object{},
				Instances:  map[*ast.Ident]types.Instance{},
				Selections: map[*ast.SelectorExpr]*types.Selection{},
				Scopes:     map[ast.Node]*types.Scope{},
			}
			pkg, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info)
			if err != nil {
				b.Fatal(err)
			}
			ssaPkg := ssa.NewProgram(fset, 0).CreatePackage(pkg, []*ast.File{f}, info, false)
			ssaPkg.Build()
			var funcs []*ssa.Function
			var globals []*ssa.Global
			for i := range n {
				funcs = append(funcs, ssaPkg.Func(fmt.Sprintf("f%d", i)))
				globals = append(globals, ssaPkg.Var(fmt.Sprintf("g%d", i)))
			}
			pass := &analysis.Pass{Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info}
			b.ReportAllocs()
			for b.Loop() {
				l := &lifetime{pass: pass, funcs: funcs}
				for _, g := range globals {
					if !l.staticPointer(g) {
						b.Fatalf("%s is not a static pointer", g.Name())
					}
				}
			}
		})
	}
}
