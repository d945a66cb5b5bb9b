package lifetime_test

import (
	"go/ast"
	"go/token"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/weaklint/weaklint/analyzer/lifetime"
	"github.com/weaklint/weaklint/analyzer/lifetime/internal/witness"
)

// TestAgreesWithRuntime runs the analyzer on the cases that
// TestRuntimeBehaviour runs: it must report inside exactly the shapes
// marked Reported, which the runtime shows never run (or refuses).
func TestAgreesWithRuntime(t *testing.T) {
	const path = "github.com/weaklint/weaklint/analyzer/lifetime/internal/witness"
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax}, path)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 || len(pkgs) != 1 {
		t.Fatalf("loading %s failed", path)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{lifetime.Analyzer}, pkgs, nil)
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

	elems := caseElements(pkgs[0].Syntax)
	if len(elems) != len(witness.Cases) {
		t.Fatalf("found %d elements of Cases in the source, want %d", len(elems), len(witness.Cases))
	}
	fset := pkgs[0].Fset
	for i, s := range witness.Cases {
		var inside []string
		for _, d := range diags {
			if elems[i].Pos() <= d.Pos && d.Pos < elems[i].End() {
				inside = append(inside, d.Message)
			}
		}
		if reported := len(inside) > 0; reported != s.Reported {
			t.Errorf("%s (%s): reported = %v %q, want %v", s.Name, fset.Position(elems[i].Pos()), reported, inside, s.Reported)
		}
	}
	if len(diags) == 0 {
		t.Error("no diagnostics at all")
	}
}

// caseElements returns the elements of the Shapes composite literal.
func caseElements(files []*ast.File) []ast.Expr {
	for _, f := range files {
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.VAR {
				continue
			}
			for _, spec := range gen.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Names) == 1 && vs.Names[0].Name == "Cases" && len(vs.Values) == 1 {
					if lit, ok := vs.Values[0].(*ast.CompositeLit); ok {
						return lit.Elts
					}
				}
			}
		}
	}
	return nil
}
