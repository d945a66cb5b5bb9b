// Package agreement checks an analyzer against the cases that a package runs
// under the real runtime (cleanupref's shapes, lifetime's witness cases): the
// analyzer must report inside exactly the cases that the runtime shows to go
// wrong. It is for tests.
package agreement

import (
	"go/ast"
	"go/token"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// A Case is an element of the package's list of cases: its name, for
// messages, and whether the analyzer must report inside it.
type Case struct {
	Name     string
	Reported bool
}

// Check loads the package of the given import path, runs a on it, and
// checks each element of the composite literal that initializes the
// package's variable varName against cases, in order: a must report inside
// the elements marked Reported and nowhere else inside the literal.
func Check(t *testing.T, a *analysis.Analyzer, path, varName string, cases []Case) {
	t.Helper()
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax}, path)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 || len(pkgs) != 1 {
		t.Fatalf("loading %s failed", path)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var diags []analysis.Diagnostic
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatal(act.Err)
		}
		diags = append(diags, act.Diagnostics...)
	}

	elems := elements(pkgs[0].Syntax, varName)
	if len(elems) != len(cases) {
		t.Fatalf("found %d elements of %s in the source, want %d", len(elems), varName, len(cases))
	}
	fset := pkgs[0].Fset
	for i, c := range cases {
		var inside []string
		for _, d := range diags {
			if elems[i].Pos() <= d.Pos && d.Pos < elems[i].End() {
				inside = append(inside, d.Message)
			}
		}
		if reported := len(inside) > 0; reported != c.Reported {
			t.Errorf("%s (%s): reported = %v %q, want %v", c.Name, fset.Position(elems[i].Pos()), reported, inside, c.Reported)
		}
	}
	if len(diags) == 0 {
		t.Error("no diagnostics at all")
	}
}

// elements returns the elements of the composite literal that initializes
// the package-level variable name.
func elements(files []*ast.File, name string) []ast.Expr {
	for _, f := range files {
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.VAR {
				continue
			}
			for _, spec := range gen.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Names) == 1 && vs.Names[0].Name == name && len(vs.Values) == 1 {
					if lit, ok := vs.Values[0].(*ast.CompositeLit); ok {
						return lit.Elts
					}
				}
			}
		}
	}
	return nil
}
