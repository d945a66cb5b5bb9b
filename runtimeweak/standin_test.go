package runtimeweak

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// The analyzers' fixtures use a stand-in of this package with the same API
// (testdata/src/github.com/weaklint/weaklint/runtimeweak). Every function and
// method it declares must exist here with the same signature, or the fixtures
// would test the analyzers against an API that does not exist.
func TestStandInMatchesAPI(t *testing.T) {
	standIn := filepath.Join("..", "testdata", "src", "github.com", "weaklint", "weaklint", "runtimeweak")
	want := signatures(t, standIn)
	got := signatures(t, ".")
	if len(want) < 25 {
		t.Fatalf("no declarations found in the stand-in at %s", standIn)
	}
	for name, sig := range want {
		if got[name] != sig {
			t.Errorf("%s: stand-in has %q, runtimeweak has %q", name, sig, got[name])
		}
	}
}

// signatures maps "Recv.Name" (or "Name") to the parameter and result types
// (and type parameter constraints) of each exported function in dir's
// non-test files.
func signatures(t *testing.T, dir string) map[string]string {
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	sigs := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || !fn.Name.IsExported() {
				continue
			}
			key := fn.Name.Name
			if fn.Recv != nil {
				key = recvName(fn.Recv.List[0].Type) + "." + key
			}
			sigs[key] = typesOf(fset, fn.Type.TypeParams) + typesOf(fset, fn.Type.Params) + " " + typesOf(fset, fn.Type.Results)
		}
	}
	return sigs
}

func recvName(e ast.Expr) string {
	if star, ok := e.(*ast.StarExpr); ok {
		e = star.X
	}
	if idx, ok := e.(*ast.IndexListExpr); ok {
		e = idx.X
	}
	if idx, ok := e.(*ast.IndexExpr); ok {
		e = idx.X
	}
	return e.(*ast.Ident).Name
}

// typesOf prints a field list's types, one per parameter, without names.
func typesOf(fset *token.FileSet, fields *ast.FieldList) string {
	if fields == nil {
		return "()"
	}
	var parts []string
	for _, f := range fields.List {
		var buf bytes.Buffer
		printer.Fprint(&buf, fset, f.Type)
		for range max(len(f.Names), 1) {
			parts = append(parts, buf.String())
		}
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
