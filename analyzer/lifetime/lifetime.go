package lifetime

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/lazyssa"
	"github.com/weaklint/weaklint/analyzer/internal/suppress"
	"github.com/weaklint/weaklint/internal/weakapi"
)

//go:generate go run ../internal/analysisdoc/gendoc

// Analyzer reports cleanups, finalizers and weak pointers that the object's
// lifetime makes pointless or dangerous.
var Analyzer = &analysis.Analyzer{
	Name:       "lifetime",
	Doc:        lifetimeDoc,
	URL:        "https://github.com/weaklint/weaklint#lifetime",
	Requires:   []*analysis.Analyzer{lazyssa.Analyzer},
	Run:        suppress.Run(run), // the result: which //weaklint:ignore directives silenced something
	ResultType: suppress.UsedType,
	FactTypes: []analysis.Fact{
		new(referentFact), new(resourceFact), new(accessorFact), new(selfCleanupFact),
	},
}

func run(pass *analysis.Pass) (any, error) {
	// The analyzer runs on every dependency because of its facts; most
	// packages neither register cleanups nor make weak pointers, nor use
	// what another package marked. Decide from the identifiers before
	// building SSA.
	if !relevant(pass) {
		return nil, nil
	}
	l := newLifetime(pass, pass.ResultOf[lazyssa.Analyzer].(*lazyssa.Result).Get())
	l.learnFresh()
	sites := l.findReferents()
	l.learnResources(sites)
	l.exportFacts()
	for _, s := range sites {
		l.checkReferent(s) // rules 1–4
	}
	l.checkKeepAlive() // rule 5
	l.checkCancels()   // rule 6
	return nil, nil
}

// relevant reports whether the package refers to an API the rules start
// from, or to an object of another package that carries one of the
// analyzer's facts.
func relevant(pass *analysis.Pass) bool {
	for _, obj := range pass.TypesInfo.Uses {
		switch obj := obj.(type) {
		case *types.Func:
			if _, ok := weakapi.LookupReferent(obj); ok || weakapi.IsCanceller(obj) {
				return true
			}
			if obj.Pkg() != nil && obj.Pkg() != pass.Pkg {
				fn := obj.Origin()
				if pass.ImportObjectFact(fn, new(referentFact)) ||
					pass.ImportObjectFact(fn, new(accessorFact)) {
					return true
				}
			}
		case *types.Var:
			if obj.IsField() && obj.Pkg() != nil && obj.Pkg() != pass.Pkg {
				if pass.ImportObjectFact(obj.Origin(), new(resourceFact)) || pass.ImportObjectFact(obj.Origin(), new(selfCleanupFact)) {
					return true
				}
			}
		}
	}
	return false
}

// lifetime holds one package's analysis.
type lifetime struct {
	pass  *analysis.Pass
	funcs []*ssa.Function
	out   *suppress.Filter
	inits map[*types.Var]ast.Expr // package-level variables' initializers, on first use

	fresh     map[*types.Func]bool // this package's functions returning an object nothing else keeps
	wrappers  map[*types.Func]*referentFact
	resources map[*types.Var]bool         // fields a cleanup or finalizer releases
	accessors map[*types.Func]*types.Var  // methods returning a resource field of their receiver
	selfClean map[*types.Var]bool         // fields holding the cleanup (or runtimeweak.Finalizer) of their own object
	releasers map[*ssa.Function]bool      // functions registered as cleanups or finalizers
	calls     map[token.Pos]*ast.CallExpr // the package's calls by their '(' (callExpr), on first use
}

func newLifetime(pass *analysis.Pass, pkg *lazyssa.SSA) *lifetime {
	return &lifetime{
		pass:      pass,
		funcs:     pkg.SrcFuncs,
		out:       suppress.New(pass),
		fresh:     make(map[*types.Func]bool),
		wrappers:  make(map[*types.Func]*referentFact),
		resources: make(map[*types.Var]bool),
		accessors: make(map[*types.Func]*types.Var),
		selfClean: make(map[*types.Var]bool),
		releasers: make(map[*ssa.Function]bool),
	}
}
