package ssa_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	upstream "golang.org/x/tools/go/ssa"

	fork "github.com/weaklint/weaklint/internal/ssa"
)

// lazySrc is a small package of the kind weaklint builds on every edit: a
// few functions that use a handful of members of large imports.
const lazySrc = `package p

import (
	"net/http"
	"os"
	"weak"
)

type T struct{ Name string }

func Get(p weak.Pointer[T], url string) (string, error) {
	if v := p.Value(); v != nil {
		return v.Name, nil
	}
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	f, err := os.Open(os.Args[0])
	if err != nil {
		return "", err
	}
	defer f.Close()
	var h http.Handler = http.NotFoundHandler()
	_ = h
	return resp.Status, nil
}
`

// checkLazySrc type-checks lazySrc against export data.
func checkLazySrc(tb testing.TB) (*token.FileSet, *types.Package, []*ast.File, *types.Info) {
	return checkSrc(tb, "p", lazySrc)
}

// checkSrc parses src as the single file of package path (named path.go)
// and type-checks it against export data, recording every kind of type
// information the SSA builder reads.
func checkSrc(tb testing.TB, path, src string) (*token.FileSet, *types.Package, []*ast.File, *types.Info) {
	tb.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path+".go", src, parser.SkipObjectResolution)
	if err != nil {
		tb.Fatal(err)
	}
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Instances:    map[*ast.Ident]types.Instance{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		FileVersions: map[*ast.File]string{},
	}
	conf := types.Config{Importer: importer.Default(), GoVersion: "go1.26"}
	pkg, err := conf.Check(path, fset, []*ast.File{f}, info)
	if err != nil {
		tb.Fatal(err)
	}
	return fset, pkg, []*ast.File{f}, info
}

// BenchmarkBuildWithLargeImports measures what lazyssa does on each edit of
// a package: create its imports from type information (net/http, os, weak)
// and build the package. In "shared-imports" the imported types.Packages are
// decoded once and reused, as the language server reuses them between edits;
// in "fresh-imports" every iteration type-checks the package with a new
// importer, so objects that creating the imports looks up are decoded from
// export data anew (the type-check is inside the timer in both variants of
// the change, so only the difference between before and after matters).
func BenchmarkBuildWithLargeImports(b *testing.B) {
	build := func(fset *token.FileSet, pkg *types.Package, files []*ast.File, info *types.Info) {
		prog := fork.NewProgram(fset, 0)
		for _, imp := range pkg.Imports() {
			prog.CreatePackage(imp, nil, nil, true)
		}
		prog.CreatePackage(pkg, files, info, false).Build()
	}
	b.Run("shared-imports", func(b *testing.B) {
		fset, pkg, files, info := checkLazySrc(b)
		b.ReportAllocs()
		for b.Loop() {
			build(fset, pkg, files, info)
		}
	})
	b.Run("fresh-imports", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			build(checkLazySrc(b))
		}
	})
}

// TestLazyImportsMatchUpstream builds lazySrc with both builders, then
// compares what the fork created lazily with what upstream created eagerly:
// the lookups the builder and clients make (functions, methods, including
// methods of unexported and interface types, variables, constants, types),
// and then each imported package printed whole, which makes the fork create
// all the members it had not.
func TestLazyImportsMatchUpstream(t *testing.T) {
	fset, pkg, files, info := checkLazySrc(t)
	uprog := upstream.NewProgram(fset, 0)
	fprog := fork.NewProgram(fset, 0)
	for _, imp := range pkg.Imports() {
		uprog.CreatePackage(imp, nil, nil, true)
		fprog.CreatePackage(imp, nil, nil, true)
	}
	uprog.CreatePackage(pkg, files, info, false).Build()
	fpkg := fprog.CreatePackage(pkg, files, info, false)
	fpkg.Build()
	compare(t, printUpstream(fset, pkg, files, info, 0), printFork(fset, pkg, files, info, 0))

	http := fprog.ImportedPackage("net/http")
	// p uses Get, Handler, NotFoundHandler and Response's fields; init and
	// init$guard are always there, and the Response type brings its methods.
	if n, all := len(http.Members), len(uprog.ImportedPackage("net/http").Members); n > 10 || all < 100 {
		t.Errorf("building p created %d members of net/http's %d, want only those it uses", n, all)
	}

	var httpPkg *types.Package
	for _, imp := range pkg.Imports() {
		if imp.Path() == "net/http" {
			httpPkg = imp
		}
	}
	scope := httpPkg.Scope()
	funcString := func(u *upstream.Function, f *fork.Function) (string, string) {
		if u == nil || f == nil {
			return fmt.Sprint(u == nil), fmt.Sprint(f == nil)
		}
		return u.String() + " " + u.Synthetic, f.String() + " " + f.Synthetic
	}
	for _, name := range []string{"Get", "ListenAndServe", "Client", "Header", "Handler", "response", "conn", "DefaultClient", "MethodGet", "StatusOK", "nosuchname"} {
		obj := scope.Lookup(name)
		if obj == nil {
			if name != "nosuchname" {
				t.Fatalf("net/http has no %s", name)
			}
		}
		if fn, ok := obj.(*types.Func); ok {
			u, f := funcString(uprog.FuncValue(fn), fprog.FuncValue(fn))
			if u != f {
				t.Errorf("FuncValue(%s): upstream %s, fork %s", name, u, f)
			}
		}
		if tn, ok := obj.(*types.TypeName); ok {
			for _, T := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
				if types.IsInterface(T) && !types.IsInterface(tn.Type()) {
					continue
				}
				mset := types.NewMethodSet(T)
				for sel := range mset.Methods() {
					if types.IsInterface(tn.Type()) {
						fn := sel.Obj().(*types.Func)
						if uprog.FuncValue(fn) != nil || fprog.FuncValue(fn) != nil {
							t.Errorf("FuncValue of interface method %s is not nil", fn)
						}
						continue
					}
					u, f := funcString(uprog.MethodValue(sel), fprog.MethodValue(sel))
					if u != f {
						t.Errorf("MethodValue(%s): upstream %s, fork %s", sel, u, f)
					}
				}
			}
		}
		upkg := uprog.ImportedPackage("net/http")
		for _, pair := range [][2]any{
			{upkg.Func(name) != nil, http.Func(name) != nil},
			{upkg.Var(name) != nil, http.Var(name) != nil},
			{upkg.Const(name) != nil, http.Const(name) != nil},
			{upkg.Type(name) != nil, http.Type(name) != nil},
		} {
			if pair[0] != pair[1] {
				t.Errorf("lookup of %s: upstream found %v, fork %v", name, pair[0], pair[1])
			}
		}
	}

	for _, imp := range pkg.Imports() {
		var want, got bytes.Buffer
		mustWrite(uprog.Package(imp).WriteTo(&want))
		mustWrite(fprog.Package(imp).WriteTo(&got))
		if !strings.Contains(want.String(), "func ") && imp.Path() != "weak" {
			t.Fatalf("%s: no function was printed", imp.Path())
		}
		compare(t, want.String(), got.String())
	}
	if n, all := len(http.Members), len(uprog.ImportedPackage("net/http").Members); n != all {
		t.Errorf("after printing, net/http has %d members, want all %d", n, all)
	}
}

// TestLazyImportsConcurrentLookups looks up the same members of a lazy
// package from several goroutines, as analyzers do after Build (run with
// -race): each lookup must find the one member created, never two.
func TestLazyImportsConcurrentLookups(t *testing.T) {
	fset, pkg, files, info := checkLazySrc(t)
	prog := fork.NewProgram(fset, 0)
	for _, imp := range pkg.Imports() {
		prog.CreatePackage(imp, nil, nil, true)
	}
	prog.CreatePackage(pkg, files, info, false).Build()
	// Every function and method of os and net/http, most not created yet.
	var objs []*types.Func
	for _, path := range []string{"os", "net/http"} {
		scope := prog.ImportedPackage(path).Pkg.Scope()
		for _, name := range scope.Names() {
			switch obj := scope.Lookup(name).(type) {
			case *types.Func:
				objs = append(objs, obj)
			case *types.TypeName:
				if named, ok := obj.Type().(*types.Named); ok && !types.IsInterface(named) {
					for i := range named.NumMethods() {
						objs = append(objs, named.Method(i))
					}
				}
			}
		}
	}
	os := prog.ImportedPackage("os")
	const workers = 4
	got := make([][]*fork.Function, workers)
	done := make(chan int)
	start := make(chan struct{})
	for w := range workers {
		go func() {
			<-start
			for _, obj := range objs {
				got[w] = append(got[w], prog.FuncValue(obj))
			}
			if w%2 == 0 {
				var buf bytes.Buffer
				mustWrite(os.WriteTo(&buf))
			}
			done <- w
		}()
	}
	close(start)
	for range workers {
		<-done
	}
	for i, obj := range objs {
		for w := range workers {
			if got[w][i] == nil || got[w][i] != got[0][i] {
				t.Fatalf("FuncValue(%s) in goroutine %d is %v, in goroutine 0 %v", obj, w, got[w][i], got[0][i])
			}
		}
	}
}
