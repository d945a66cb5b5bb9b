package lifetime

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/derefs"
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
		new(referentFact), new(resourceFact), new(accessorFact), new(selfCleanupFact), new(FreshFact),
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
	// The rules start from the sites, which only the functions reaching a
	// starting point can hold; the scans for the uses of what the sites
	// teach (resource fields, accessors, globals) ask for the functions
	// using those (funcsUsing).
	res := pass.ResultOf[lazyssa.Analyzer].(*lazyssa.Result)
	var l *lifetime
	if derefs.BuildsAll(pass) {
		l = newLifetime(pass, nil, res.Get()) // derefs builds all of them anyway
	} else {
		l = newLifetime(pass, res, res.GetFor(func(obj types.Object) bool { return startsFrom(pass, obj) }))
	}
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
		if startsFrom(pass, obj) {
			return true
		}
	}
	return false
}

// startsFrom reports whether obj is an API the rules start from, or an
// object of another package that carries one of the analyzer's facts.
func startsFrom(pass *analysis.Pass, obj types.Object) bool {
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
	return false
}

// lifetime holds one package's analysis.
type lifetime struct {
	pass  *analysis.Pass
	ssa   *lazyssa.Result // nil when funcs lists all the package's functions
	funcs []*ssa.Function // the functions that reach a starting point, and their callees (lazyssa.Result.GetFor), or all
	// pkgInit is the package initializer, which runs package-level
	// variables' initializers (built by GetFor and Get alike), or nil.
	pkgInit *ssa.Function
	out     *suppress.Filter
	inits   map[*types.Var]ast.Expr // package-level variables' initializers, on first use

	fresh     map[*types.Func]bool // this package's functions returning an object nothing else keeps
	wrappers  map[*types.Func]*referentFact
	resources map[*types.Var]bool        // fields a cleanup or finalizer releases
	accessors map[*types.Func]*types.Var // methods returning a resource field of their receiver
	selfClean map[*types.Var]bool        // fields holding the cleanup (or runtimeweak.Finalizer) of their own object
	releasers map[*ssa.Function]bool     // functions registered as cleanups or finalizers
	// cleanupOnly adds to the releasers the functions only they call
	// (runByCleanup), on first use.
	cleanupOnly map[*ssa.Function]bool
	calls       map[token.Pos]*ast.CallExpr // the package's calls by their '(' (callExpr), on first use
	// paramUse settles, for the package's functions, whether they may
	// operate on a resource they receive (usesParam); search is the state
	// of the search that settles them.
	paramUse map[paramKey]bool
	search   paramSearch
	// stored lists the globals that a function other than the package
	// initializer stores into or takes the address of (assignedOutsideInit),
	// from one scan of all the package's functions when they are all built.
	stored map[*ssa.Global]bool
	// mentions counts the identifiers naming each unexported function
	// (mentionsOfUnexported), on first use; kept settles, for parameters,
	// whether every caller keeps the argument alive past the call
	// (paramKept).
	mentions map[*types.Func]int
	kept     map[*ssa.Parameter]bool
}

func newLifetime(pass *analysis.Pass, res *lazyssa.Result, pkg *lazyssa.SSA) *lifetime {
	return &lifetime{
		pass:      pass,
		ssa:       res,
		funcs:     pkg.SrcFuncs,
		pkgInit:   pkg.Pkg.Func("init"),
		out:       suppress.New(pass),
		fresh:     make(map[*types.Func]bool),
		wrappers:  make(map[*types.Func]*referentFact),
		resources: make(map[*types.Var]bool),
		accessors: make(map[*types.Func]*types.Var),
		selfClean: make(map[*types.Var]bool),
		releasers: make(map[*ssa.Function]bool),
		paramUse:  make(map[paramKey]bool),
	}
}

// funcsUsing returns, in source order, the package's functions (closures
// included) whose bodies use an object for which uses reports true, among
// others (lazyssa.Result.GetUsing): what a scan of all the package's
// functions for the instructions that use such objects needs.
func (l *lifetime) funcsUsing(uses func(types.Object) bool) []*ssa.Function {
	if l.ssa == nil {
		return l.funcs // all of them
	}
	return l.ssa.GetUsing(uses).SrcFuncs
}

// funcsUsingResources returns the functions that may load a resource field
// (isResource) or, if accessor is not nil, call a method for which it
// reports true: those naming such a field or method. A resource field
// embedded in a struct may be loaded without being named, to call a method
// promoted from it; then it returns all the package's functions.
func (l *lifetime) funcsUsingResources(accessor func(*types.Func) bool) []*ssa.Function {
	if l.ssa != nil && l.embeddedResource() {
		return l.ssa.Get().SrcFuncs
	}
	return l.funcsUsing(func(obj types.Object) bool {
		switch obj := obj.(type) {
		case *types.Var:
			return obj.IsField() && l.isResource(obj)
		case *types.Func:
			return accessor != nil && accessor(obj.Origin())
		}
		return false
	})
}

// embeddedResource reports whether a resource field of this package or
// another is an embedded field.
func (l *lifetime) embeddedResource() bool {
	for field := range l.resources {
		if field.Embedded() {
			return true
		}
	}
	for _, f := range l.pass.AllObjectFacts() {
		if _, ok := f.Fact.(*resourceFact); ok {
			if v, ok := f.Object.(*types.Var); ok && v.Embedded() {
				return true
			}
		}
	}
	return false
}
