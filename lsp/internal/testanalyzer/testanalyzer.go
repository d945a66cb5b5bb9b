// Package testanalyzer provides small analyzers with known behaviour for the
// language server's tests, so that protocol tests do not depend on what the
// real weaklint checks report.
package testanalyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// BadCall reports every call of a function named bad, with a fix that calls
// good instead, and every call of a function that calls bad, through a fact,
// so that tests see facts flow across packages. It runs despite type
// errors. A call of a function named boom makes it panic.
var BadCall = &analysis.Analyzer{
	Name:             "badcall",
	Doc:              "report calls of bad",
	URL:              "https://example.com/badcall",
	Requires:         []*analysis.Analyzer{inspect.Analyzer},
	Run:              runBadCall,
	RunDespiteErrors: true,
	FactTypes:        []analysis.Fact{new(CallsBad)},
}

// Strict reports every call of a function named bad, but only in
// well-typed packages.
var Strict = &analysis.Analyzer{
	Name: "strict",
	Doc:  "report calls of bad in well-typed code",
	URL:  "https://example.com/strict",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok && calleeName(pass.TypesInfo, call) == strictName {
					pass.Reportf(call.Pos(), "strict: call of %s", strictName)
				}
				return true
			})
		}
		return nil, nil
	},
}

// Fragile reports every call of a function named bad, and fails on a
// package with a hard type error, as analyzers that build SSA do (go/ssa
// panics on missing types).
var Fragile = &analysis.Analyzer{
	Name: "fragile",
	Doc:  "report calls of bad; fail on packages with errors",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, e := range pass.TypeErrors {
			if !e.Soft {
				panic("fragile: no type for an expression")
			}
		}
		for _, f := range pass.Files {
			if f.Name == nil || f.Name.Name == "" {
				panic("fragile: a file without a package clause")
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok && calleeName(pass.TypesInfo, call) == "bad" {
					pass.Reportf(call.Pos(), "fragile: call of bad")
				}
				return true
			})
		}
		return nil, nil
	},
}

// strictName is the function whose calls Strict reports: its flag
// -strict.name, for the tests of analyzer flags set from the editor.
var strictName = "bad"

func init() {
	Strict.Flags.StringVar(&strictName, "name", "bad", "the function whose calls are reported")
}

// CallsBad marks a function that calls bad, directly or not.
type CallsBad struct{}

func (*CallsBad) AFact()         {}
func (*CallsBad) String() string { return "callsBad" }

func calleeName(info *types.Info, call *ast.CallExpr) string {
	if fn, ok := typeutil.Callee(info, call).(*types.Func); ok {
		return fn.Name()
	}
	return ""
}

func runBadCall(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		if decl.Body == nil {
			continue
		}
		calls := false
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
			switch {
			case fn == nil:
			case fn.Name() == "boom":
				panic("boom: the analyzer crashed on purpose")
			case fn.Name() == "bad":
				calls = true
				id := calledIdent(call.Fun)
				pass.Report(analysis.Diagnostic{
					Pos:     call.Pos(),
					End:     call.End(),
					Message: "call of bad: call good instead",
					SuggestedFixes: []analysis.SuggestedFix{{
						Message:   "call good",
						TextEdits: []analysis.TextEdit{{Pos: id.Pos(), End: id.End(), NewText: []byte("good")}},
					}},
				})
			case pass.ImportObjectFact(fn, new(CallsBad)):
				calls = true
				pass.Reportf(call.Pos(), "call of %s, which calls bad", fn.Name())
			}
			return true
		})
		if obj := pass.TypesInfo.Defs[decl.Name]; calls && obj != nil {
			pass.ExportObjectFact(obj, new(CallsBad))
		}
	}
	return nil, nil
}

func calledIdent(fun ast.Expr) *ast.Ident {
	switch fun := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return fun
	case *ast.SelectorExpr:
		return fun.Sel
	}
	panic("unreachable: the callee of a *types.Func call is named")
}
