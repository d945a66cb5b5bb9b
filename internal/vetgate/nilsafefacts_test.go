package vetgate

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/weaklint/weaklint/internal/nilsafe"
)

// methodFiles is a package whose methods are declared in several files, in
// an order unlike their types', through aliases, in parentheses, on generic
// types, and some on no type at all.
var methodFiles = map[string]string{
	"a.go": `package p

// Methods before their type (declared in c.go).
func (t *T) A1() {}
func (t T) A2()  {}

// Through aliases: P = T, Q = *T.
func (p *P) A3() {}
func (q Q) A4()  {}

// Generic type declared in b.go.
func (g *G[K, V]) A5() {}

// No method: a blank name, a receiver of no type of this package, a
// pointer through an alias to a pointer, a generic alias.
func (T) _()        {}
func (i *int) Bad() {}
func (q *Q) Bad2()  {}
`,
	"b.go": `package p

type G[K comparable, V any] struct{ m map[K]V }

func (g G[K, V]) B1() {}
func (g *G[_, V]) B2() {}

func (t (*T)) B3() {}

type (
	P = T
	Q = *T
	R = P
)

func (r R) B4() {}
`,
	"c.go": `package p

type T struct{ x int }

func (t *T) C1() {}

type U int

func (u U) C2()  {}
func (u *U) C3() {}
`,
}

// TestMethodPaths checks that methodPaths gives every method the path that
// objectpath.For gives it once its package is type-checked: in a package
// written for it, and in standard packages with many files.
func TestMethodPaths(t *testing.T) {
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range []string{"a.go", "b.go", "c.go"} {
		f, err := parser.ParseFile(fset, name, methodFiles[name], parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	info := &types.Info{Defs: make(map[*ast.Ident]types.Object)}
	conf := types.Config{Importer: importer.Default(), Error: func(error) {}} // Bad, Bad2 do not compile
	conf.Check("p", fset, files, info)
	if n := compareMethodPaths(t, "p", files, info); n != 12 {
		t.Errorf("p: %d methods with a path, want 12", n)
	}

	if testing.Short() {
		return
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedCompiledGoFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo}
	pkgs, err := packages.Load(cfg, "os", "net", "net/url", "net/http", "go/ast", "math/big", "reflect", "time", "text/template", "internal/bisect", "runtime", "go/types")
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range pkgs {
		if len(pkg.Errors) > 0 {
			t.Fatalf("%s: %v", pkg.PkgPath, pkg.Errors)
		}
		if n := compareMethodPaths(t, pkg.PkgPath, pkg.Syntax, pkg.TypesInfo); n == 0 {
			t.Errorf("%s: no method", pkg.PkgPath)
		}
		compareNilSafeFacts(t, pkg)
	}
}

// compareNilSafeFacts compares the objects of the facts that nilSafeFacts
// makes for pkg's files with objectpath.For of the functions and methods
// that nilsafe.PackageDerefs lists in the type-checked package (standalone's
// facts).
func compareNilSafeFacts(t *testing.T, pkg *packages.Package) {
	t.Helper()
	var want []objectpath.Path
	for _, d := range nilsafe.PackageDerefs(pkg.PkgPath, pkg.Syntax) {
		if path, err := objectpath.For(pkg.TypesInfo.Defs[d.Decl.Name]); err == nil {
			want = append(want, path)
		}
	}
	inert := &inertFacts{syntax: []func(nilsafe.Summary) analysis.Fact{newParamsFact}}
	cfg := &config{ImportPath: pkg.PkgPath, GoFiles: pkg.CompiledGoFiles}
	facts, err := inert.nilSafeFacts(cfg, newUnitSources(cfg.GoFiles), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []objectpath.Path
	for _, f := range facts {
		if f.PkgPath != pkg.PkgPath {
			t.Errorf("%s: fact of package %s", pkg.PkgPath, f.PkgPath)
		}
		got = append(got, f.Object)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: nilSafeFacts on %v, want %v", pkg.PkgPath, got, want)
	}
}

// compareMethodPaths compares, method by method, methodPaths with
// objectpath.For, and returns how many methods have a path.
func compareMethodPaths(t *testing.T, pkg string, files []*ast.File, info *types.Info) int {
	t.Helper()
	paths := methodPaths(files)
	n := 0
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil {
				continue
			}
			var want objectpath.Path
			if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
				want, _ = objectpath.For(fn)
			}
			got, ok := paths[fd]
			if got != want || ok != (want != "") {
				t.Errorf("%s: method %s: path %q (%v), objectpath.For: %q", pkg, fd.Name.Name, got, ok, want)
			}
			if ok {
				n++
			}
		}
	}
	return n
}

// TestNilSafeFacts checks the facts that a skipped unit writes: one per
// analyzer's SyntaxFact, on what nilsafe.Derefs lists (nil-safe methods,
// parameters dereferenced), with their object paths and the unit's package
// path; none without a SyntaxFact.
func TestNilSafeFacts(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.go": `package pb

func (m *User) Touch() { m.n++ }

func (m *User) GetName() string {
	if m == nil {
		return ""
	}
	return m.name
}
`,
		"b.go": `package pb

type User struct {
	name string
	n    int
}

func (m *User) GetN() int {
	if m != nil {
		return m.n
	}
	return 0
}

func (m *User) getName() string {
	if m == nil {
		return ""
	}
	return m.name
}
`,
		"c.go": `package pb

func helper() {}

func Name(u *User) string { return u.name }

func (m *User) Rename(o *User) { m.name = o.name }
`,
	}
	cfg := &config{ImportPath: "example.com/pb"}
	for _, name := range []string{"a.go", "b.go", "c.go"} {
		file := filepath.Join(dir, name)
		writeFile(t, file, files[name])
		cfg.GoFiles = append(cfg.GoFiles, file)
	}
	inert := &inertFacts{syntax: []func(nilsafe.Summary) analysis.Fact{newParamsFact}}
	got, err := inert.nilSafeFacts(cfg, newUnitSources(cfg.GoFiles), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []gobFact{
		{PkgPath: "example.com/pb", Object: "User.M1", Fact: &paramsFact{NilResults: []nilsafe.NilResult{{Value: `""`}}}},
		{PkgPath: "example.com/pb", Object: "User.M2", Fact: &paramsFact{NilResults: []nilsafe.NilResult{{Value: "0"}}}},
		{PkgPath: "example.com/pb", Object: "Name", Fact: &paramsFact{Params: []int{0}}},
		{PkgPath: "example.com/pb", Object: "User.M4", Fact: &paramsFact{Params: []int{0, 1}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("nilSafeFacts = %v, want %v", got, want)
	}
	if got, err := (&inertFacts{}).nilSafeFacts(cfg, newUnitSources(cfg.GoFiles), nil); err != nil || got != nil {
		t.Errorf("nilSafeFacts without a SyntaxFact = %v, %v", got, err)
	}
}

// paramsFact stands for derefs.Fact.
type paramsFact struct {
	Params     []int
	NilResults []nilsafe.NilResult
}

func (*paramsFact) AFact() {}

func newParamsFact(s nilsafe.Summary) analysis.Fact {
	return &paramsFact{s.Params, s.NilResults}
}

// TestNilSafeFactsAliasChain: a nil-safe method's path numbers it among
// the methods declared through a chain of aliases in other files.
func TestNilSafeFactsAliasChain(t *testing.T) {
	dir := t.TempDir()
	files := []struct{ name, text string }{
		{"a.go", "package pb\n\ntype A = B\n"},
		{"b.go", "package pb\n\ntype B = T\n"},
		{"c.go", "package pb\n\nfunc (a A) M1() {}\n"},
		{"d.go", "package pb\n\ntype T struct{ n int }\n\nfunc (t *T) Get() int {\n\tif t == nil {\n\t\treturn 0\n\t}\n\treturn t.n\n}\n"},
	}
	cfg := &config{ImportPath: "example.com/pb"}
	for _, f := range files {
		name := filepath.Join(dir, f.name)
		writeFile(t, name, f.text)
		cfg.GoFiles = append(cfg.GoFiles, name)
	}
	got, err := (&inertFacts{syntax: []func(nilsafe.Summary) analysis.Fact{newParamsFact}}).nilSafeFacts(cfg, newUnitSources(cfg.GoFiles), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []gobFact{{PkgPath: "example.com/pb", Object: "T.M1", Fact: &paramsFact{NilResults: []nilsafe.NilResult{{Value: "0"}}}}}; !reflect.DeepEqual(got, want) {
		t.Errorf("nilSafeFacts = %v, want %v", got, want)
	}
}
