package ssa_test

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	fork "github.com/weaklint/weaklint/internal/ssa"
)

// TestBuildFuncsMatchesBuild builds every third declared function of real
// packages with BuildFuncs and compares each (with its anonymous functions)
// with the same function from a full Build, byte for byte; the others must
// be left unbuilt, and a Build afterwards must complete the package to what
// Build alone makes.
func TestBuildFuncsMatchesBuild(t *testing.T) {
	pkgs := []string{"encoding/json", "net/http", "go/types", "text/template", "iter",
		"github.com/weaklint/weaklint/analyzer/internal/referents"}
	if testing.Short() {
		pkgs = pkgs[:1]
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo | packages.NeedImports}
	loaded, err := packages.Load(cfg, pkgs...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(loaded) > 0 || len(loaded) != len(pkgs) {
		t.Fatal("packages do not load")
	}
	for _, p := range loaded {
		for _, m := range modes {
			t.Run(p.PkgPath+"/"+m.name, func(t *testing.T) {
				full := newForkPackage(p.Fset, p.Types, p.Syntax, p.TypesInfo, m.fork)
				full.Build()
				part := newForkPackage(p.Fset, p.Types, p.Syntax, p.TypesInfo, m.fork)
				var chosen, others []*fork.Function
				for i, obj := range declaredFuncs(p.Syntax, p.TypesInfo) {
					if fn := part.Prog.FuncValue(obj); i%3 == 0 {
						chosen = append(chosen, fn)
					} else {
						others = append(others, fn)
					}
				}
				part.BuildFuncs(chosen)
				part.BuildFuncs(chosen) // idempotent
				var want, got bytes.Buffer
				for _, fn := range chosen {
					writeWithAnons(&want, full.Prog.FuncValue(fn.Object().(*types.Func)))
					writeWithAnons(&got, fn)
				}
				if !strings.Contains(want.String(), "func ") {
					t.Fatal("no function was printed: the comparison would be empty")
				}
				compare(t, want.String(), got.String())
				for _, fn := range others {
					if fn.Blocks != nil && fn.Syntax().(*ast.FuncDecl).Body != nil {
						t.Fatalf("%s was built but not chosen", fn)
					}
				}
				part.Build()
				compare(t, printBuilt(full), printBuilt(part))
			})
		}
	}
}

func newForkPackage(fset *token.FileSet, tpkg *types.Package, files []*ast.File, info *types.Info, mode fork.BuilderMode) *fork.Package {
	prog := fork.NewProgram(fset, mode)
	for _, imp := range tpkg.Imports() {
		prog.CreatePackage(imp, nil, nil, true)
	}
	return prog.CreatePackage(tpkg, files, info, false)
}

// printBuilt prints a built package as printFork does.
func printBuilt(pkg *fork.Package) string {
	return printSSA(pkg, pkg.Members, func(m fork.Member) []*fork.Function {
		switch m := m.(type) {
		case *fork.Function:
			return []*fork.Function{m}
		case *fork.Type:
			return methodFuncs(m.Type(), pkg.Prog.MethodValue)
		}
		return nil
	}, func(fn *fork.Function) []*fork.Function { return fn.AnonFuncs })
}

// declaredFuncs returns the package's declared functions and methods but
// the init functions, in source order.
func declaredFuncs(files []*ast.File, info *types.Info) []*types.Func {
	var out []*types.Func
	for _, f := range files {
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Name.Name != "_" && !(fd.Recv == nil && fd.Name.Name == "init") {
				out = append(out, info.Defs[fd.Name].(*types.Func))
			}
		}
	}
	return out
}

func writeWithAnons(buf *bytes.Buffer, fn *fork.Function) {
	mustWrite(fn.WriteTo(buf))
	for _, a := range fn.AnonFuncs {
		writeWithAnons(buf, a)
	}
}
