package cache

import (
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/weaklint/weaklint/analyzer"
	"github.com/weaklint/weaklint/internal/nilsafe"
)

// This file gives a package the analyzers skip (load.go) the facts that an
// analyzer exports there from syntax alone (analyzer.Gate.SyntaxFact:
// derefs' facts from nilsafe.PackageDerefs, on nil-safe methods and on functions
// that dereference a pointer parameter on every path), as the vet gate
// writes them for the units it skips (internal/vetgate/nilsafefacts.go):
// an importer that calls a nil-safe getter of a weak-free package on a
// possibly reclaimed referent must find the fact there, as it does when
// weaklint ./... analyzes that package. Such facts are inert
// (analyzer.Gate.InertFacts): they do not make the importers matter to the
// gate (gatekeeper.hasFacts).

// nilSafeFacts puts into the store, for pkg, checked without its function
// bodies and not analyzed, the SyntaxFact of each of the analyzers (and
// their requirements) on each function and method that nilsafe.PackageDerefs
// lists in pkg's syntax (parsed whole: the rule reads the bodies).
func (d *driver) nilSafeFacts(pkg *packages.Package, analyzers []*analysis.Analyzer) {
	if pkg.Types == nil || len(pkg.Syntax) == 0 {
		return
	}
	var makers []syntaxFact
	for _, a := range withRequires(analyzers) {
		if e, ok := analyzer.Lookup(a); ok && e.Gate.SyntaxFact != nil {
			makers = append(makers, syntaxFact{a, e.Gate.SyntaxFact})
		}
	}
	if len(makers) == 0 {
		return
	}
	listed := nilsafe.PackageDerefs(pkg.PkgPath, sameNamedFiles(pkg))
	if len(listed) == 0 {
		return
	}
	methods := declaredMethods(pkg.Types)
	for _, l := range listed {
		var fn *types.Func
		if l.Decl.Recv == nil {
			fn, _ = pkg.Types.Scope().Lookup(l.Decl.Name.Name).(*types.Func)
		} else {
			fn = methods[l.Decl.Name.Pos()]
		}
		if fn == nil || fn.Pos() != l.Decl.Name.Pos() {
			continue // not attached to a type (no base type, a duplicate): no object to hold a fact
		}
		for _, m := range makers {
			fact := m.make(l.Summary)
			d.facts.put(factKey{m.analyzer, fn, pkg.Types, reflect.TypeOf(fact)}, fact)
		}
	}
}

// syntaxFact is an analyzer's analyzer.Gate.SyntaxFact.
type syntaxFact struct {
	analyzer *analysis.Analyzer
	make     func(nilsafe.Summary) analysis.Fact
}

// declaredMethods returns the methods declared in pkg, by the position of
// their names: those of its package-level defined types (no other type
// declares methods).
func declaredMethods(pkg *types.Package) map[token.Pos]*types.Func {
	methods := make(map[token.Pos]*types.Func)
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok {
			continue
		}
		for fn := range named.Methods() {
			methods[fn.Pos()] = fn
		}
	}
	return methods
}

// inertFactTypes returns the fact types that the analyzers (and their
// requirements) declare inert (analyzer.Gate.InertFacts).
func inertFactTypes(analyzers []*analysis.Analyzer) map[reflect.Type]bool {
	inert := make(map[reflect.Type]bool)
	for _, a := range withRequires(analyzers) {
		if e, ok := analyzer.Lookup(a); ok {
			for _, f := range e.Gate.InertFacts {
				inert[reflect.TypeOf(f)] = true
			}
		}
	}
	return inert
}
