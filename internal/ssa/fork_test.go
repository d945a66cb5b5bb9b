package ssa_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
	upstream "golang.org/x/tools/go/ssa"

	fork "github.com/weaklint/weaklint/internal/ssa"
)

// The fork must build the same SSA as upstream go/ssa (x/tools v0.52.0, the
// version in go.mod): the only change to the builder is how lifting keeps its
// renaming map, which must not change a single instruction. These tests build
// real packages with both and compare the printed packages and functions
// (WriteTo) byte for byte, in the builder modes weaklint uses (none) and with
// debug information and instantiated generics (DebugRef instructions take
// their own path through renaming).

// modes are pairs of the same builder mode in both implementations.
var modes = []struct {
	name     string
	upstream upstream.BuilderMode
	fork     fork.BuilderMode
}{
	{"default", 0, 0},
	{"debug+generics", upstream.GlobalDebug | upstream.InstantiateGenerics, fork.GlobalDebug | fork.InstantiateGenerics},
}

// stdPackages are type-checked from source and built with both builders.
// They cover closures, defer/recover, select, type switches, labels and
// goto, range-over-func, generics and very large functions (go/types,
// net/http).
var stdPackages = []string{
	"bufio", "compress/flate", "encoding/json", "fmt", "go/parser", "go/types",
	"iter", "maps", "net/http", "regexp/syntax", "slices", "sort", "strconv",
	"sync", "text/template", "unicode/utf8",
	"github.com/weaklint/weaklint/analyzer/internal/referents",
}

func TestForkMatchesUpstreamOnRealPackages(t *testing.T) {
	pkgs := stdPackages
	if testing.Short() {
		pkgs = []string{"strconv", "slices", "encoding/json"}
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo | packages.NeedImports}
	loaded, err := packages.Load(cfg, pkgs...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(loaded) > 0 {
		t.Fatal("packages do not load")
	}
	if len(loaded) != len(pkgs) {
		t.Fatalf("loaded %d packages, want %d", len(loaded), len(pkgs))
	}
	for _, p := range loaded {
		for _, m := range modes {
			t.Run(p.PkgPath+"/"+m.name, func(t *testing.T) {
				want := printUpstream(p.Fset, p.Types, p.Syntax, p.TypesInfo, m.upstream)
				got := printFork(p.Fset, p.Types, p.Syntax, p.TypesInfo, m.fork)
				if !strings.Contains(want, "func ") {
					t.Fatal("no function was printed: the comparison would be empty")
				}
				compare(t, want, got)
			})
		}
	}
}

// TestForkMatchesUpstreamOnManyLocals builds the shape that made upstream's
// lifting quadratic: one function with many lifted variables and a long
// chain of branches, in every construct that creates a block or a variable.
func TestForkMatchesUpstreamOnManyLocals(t *testing.T) {
	var src strings.Builder
	src.WriteString("package big\n\ntype T struct{ Name string }\n\nfunc Names(get func() *T, xs []int, ch chan int) (s string) {\n\tdefer func() { s += \"!\" }()\n\tvar acc int\n")
	for i := range 200 {
		fmt.Fprintf(&src, "\tif v := get(); v != nil {\n\t\treturn v.Name\n\t}\n")
		fmt.Fprintf(&src, "\tfor _, x := range xs {\n\t\tif x == %d {\n\t\t\tacc += x\n\t\t\tcontinue\n\t\t}\n\t\tacc--\n\t}\n", i)
		fmt.Fprintf(&src, "\tswitch w := acc %% 3; w {\n\tcase 0:\n\t\tacc = w\n\tcase 1:\n\t\tgo func() { ch <- w }()\n\tdefault:\n\t\tselect {\n\t\tcase y := <-ch:\n\t\t\tacc += y\n\t\tdefault:\n\t\t}\n\t}\n")
	}
	src.WriteString("\t_ = acc\n\treturn \"\"\n}\n")

	fset, pkg, files, info := checkSrc(t, "big", src.String())
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			want := printUpstream(fset, pkg, files, info, m.upstream)
			got := printFork(fset, pkg, files, info, m.fork)
			if !strings.Contains(want, " = phi [") {
				t.Fatal("nothing was lifted: the case does not exercise renaming")
			}
			compare(t, want, got)
		})
	}
}

func compare(t *testing.T, want, got string) {
	t.Helper()
	if want == got {
		return
	}
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range min(len(wl), len(gl)) {
		if wl[i] != gl[i] {
			t.Fatalf("fork differs from upstream at line %d:\nupstream: %s\nfork:     %s", i+1, wl[i], gl[i])
		}
	}
	t.Fatalf("fork printed %d lines, upstream %d", len(gl), len(wl))
}

// printUpstream and printFork build the package with one of the two
// packages (its imports created from type information, as weaklint's lazyssa
// does) and print it with printSSA.

func printUpstream(fset *token.FileSet, tpkg *types.Package, files []*ast.File, info *types.Info, mode upstream.BuilderMode) string {
	prog := upstream.NewProgram(fset, mode)
	for _, imp := range tpkg.Imports() {
		prog.CreatePackage(imp, nil, nil, true)
	}
	pkg := prog.CreatePackage(tpkg, files, info, false)
	pkg.Build()
	return printSSA(pkg, pkg.Members, func(m upstream.Member) []*upstream.Function {
		switch m := m.(type) {
		case *upstream.Function:
			return []*upstream.Function{m}
		case *upstream.Type:
			return methodFuncs(m.Type(), prog.MethodValue)
		}
		return nil
	}, func(fn *upstream.Function) []*upstream.Function { return fn.AnonFuncs })
}

func printFork(fset *token.FileSet, tpkg *types.Package, files []*ast.File, info *types.Info, mode fork.BuilderMode) string {
	prog := fork.NewProgram(fset, mode)
	for _, imp := range tpkg.Imports() {
		prog.CreatePackage(imp, nil, nil, true)
	}
	pkg := prog.CreatePackage(tpkg, files, info, false)
	pkg.Build()
	return printSSA(pkg, pkg.Members, func(m fork.Member) []*fork.Function {
		switch m := m.(type) {
		case *fork.Function:
			return []*fork.Function{m}
		case *fork.Type:
			return methodFuncs(m.Type(), prog.MethodValue)
		}
		return nil
	}, func(fn *fork.Function) []*fork.Function { return fn.AnonFuncs })
}

// printSSA prints pkg, then, in a stable order, the functions funcsOf finds
// among its members (a function, a type's methods) and every function those
// contain (anon). It is generic so that one code prints both packages' SSA.
func printSSA[M any, F io.WriterTo](pkg io.WriterTo, members map[string]M, funcsOf func(M) []F, anon func(F) []F) string {
	var buf bytes.Buffer
	mustWrite(pkg.WriteTo(&buf))
	var write func(fn F)
	write = func(fn F) {
		mustWrite(fn.WriteTo(&buf))
		for _, a := range anon(fn) {
			write(a)
		}
	}
	for _, name := range sortedNames(members) {
		for _, fn := range funcsOf(members[name]) {
			write(fn)
		}
	}
	return buf.String()
}

// methodFuncs returns the functions methodValue builds for t's methods,
// skipping those it has none for (abstract methods).
func methodFuncs[F comparable](t types.Type, methodValue func(*types.Selection) F) []F {
	var fns []F
	var none F
	for _, sel := range methods(t) {
		if fn := methodValue(sel); fn != none {
			fns = append(fns, fn)
		}
	}
	return fns
}

func sortedNames[M any](members map[string]M) []string {
	var names []string
	for name := range members {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// methods returns the concrete methods of *T and T, skipping generic types,
// whose methods are built only when instantiated.
func methods(t types.Type) []*types.Selection {
	if n, ok := t.(*types.Named); ok && n.TypeParams().Len() > 0 {
		return nil
	}
	if types.IsInterface(t) {
		return nil
	}
	var sels []*types.Selection
	for _, mset := range []*types.MethodSet{types.NewMethodSet(types.NewPointer(t)), types.NewMethodSet(t)} {
		for sel := range mset.Methods() {
			sels = append(sels, sel)
		}
	}
	return sels
}

func mustWrite(_ int64, err error) {
	if err != nil {
		panic(err)
	}
}

// TestForkFilesMatchUpstream keeps the README's list of changes true: every
// file of the fork but those it names is upstream's, with only the import
// paths of x/tools' internal packages rewritten.
func TestForkFilesMatchUpstream(t *testing.T) {
	changed := map[string]bool{
		"lift.go":    true, // renaming with an undo log
		"util.go":    true, // no linkname to ssautil
		"builder.go": true, // allocated constants set by the first NewProgram
		// members of packages without syntax created on first lookup:
		"create.go": true, "print.go": true, "source.go": true, "ssa.go": true,
	}
	added := map[string]bool{
		"lazy.go":      true, // lazy members
		"selective.go": true, // BuildFuncs
		"typesets.go":  true, // NormalTerms exported
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles}
	pkgs, err := packages.Load(cfg, "golang.org/x/tools/go/ssa", "github.com/weaklint/weaklint/internal/ssa")
	if err != nil || len(pkgs) != 2 {
		t.Fatalf("loading both packages: %v", err)
	}
	files := map[string]map[string]string{} // package path → file name → text
	for _, p := range pkgs {
		files[p.PkgPath] = map[string]string{}
		for _, name := range p.GoFiles {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			files[p.PkgPath][filepath.Base(name)] = string(data)
		}
	}
	up, ours := files["golang.org/x/tools/go/ssa"], files["github.com/weaklint/weaklint/internal/ssa"]
	if len(up)+len(added) != len(ours) {
		t.Errorf("upstream has %d files, the fork %d, of which %d its own", len(up), len(ours), len(added))
	}
	rewrite := strings.NewReplacer(
		"golang.org/x/tools/internal/", "github.com/weaklint/weaklint/internal/ssa/internal/",
		`package ssa // import "golang.org/x/tools/go/ssa"`, `package ssa // import "github.com/weaklint/weaklint/internal/ssa"`)
	for name, text := range ours {
		u, ok := up[name]
		if added[name] {
			if ok {
				t.Errorf("%s is listed as the fork's own but is an upstream file", name)
			}
			continue
		}
		if !ok {
			t.Errorf("%s is not an upstream file", name)
			continue
		}
		if changed[name] {
			if text == rewrite.Replace(u) {
				t.Errorf("%s is listed as changed but is upstream's", name)
			}
			continue
		}
		if importsSorted(text) != importsSorted(rewrite.Replace(u)) {
			t.Errorf("%s differs from upstream's beyond its import paths; list the change in README.md", name)
		}
	}
}

// importsSorted sorts a file's lines, so that imports that gofmt reordered
// after the rewrite compare equal; any other change still shows.
func importsSorted(text string) string {
	lines := strings.Split(text, "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
