package strongcache

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/weaklint/weaklint/analyzer/internal/referents"
	"github.com/weaklint/weaklint/analyzer/internal/suppress"
	"github.com/weaklint/weaklint/internal/weakapi"
)

//go:generate go run ../internal/analysisdoc/gendoc

// Analyzer reports caches that keep alive what they meant to release.
var Analyzer = &analysis.Analyzer{
	Name:       "strongcache",
	Doc:        strongcacheDoc,
	URL:        "https://github.com/weaklint/weaklint#strongcache",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, referents.Analyzer, Facts},
	Run:        suppress.Run(run), // the result: which //weaklint:ignore directives silenced something
	ResultType: suppress.UsedType,
}

// memoRule enables rule 4, the only rule that looks at packages without
// weak pointers. It is opt-in (-strongcache.memo): it is a heuristic, and
// it needs every package type-checked, which takes go vet's fast path
// (internal/vetgate) away: about twice the time on std.
var memoRule = false

func init() {
	Analyzer.Flags.BoolVar(&memoRule, "memo", false, "also report unbounded strong memo maps (rule 4, a heuristic that needs no weak pointers and turns off go vet's fast path)")
}

// checker is the state of one run on one package.
type checker struct {
	pass        *analysis.Pass
	out         *suppress.Filter
	in          *inspector.Inspector
	ix          *index
	referents   *referents.Result // functions returning a referent, of this package and (by fact) others; nil if none can
	names       *names
	cleanups    []cleanupDelete
	globalTypes map[*types.TypeName]bool
	localTypes  map[*types.TypeName]bool             // struct types whose values stay in one call (localOnly)
	callSites   map[*types.Func][]callSite           // built on first use
	live        map[*types.Func]bool                 // functions that can run again and again (liveFuncs), built on first use
	weakSums    map[*types.Func]map[int]weakParam    // where functions keep weak pointers to their parameters (weakParams), built on first use
	strongSums  map[*types.Func]map[int]*strongParam // where functions store their parameters strongly (strongParams), built on first use
	resultSums  map[*types.Func]map[int]bool         // the parameters that functions' results hold strongly (strongResults), built on first use
	notPruned   map[token.Pos]bool                   // deletes by cleanups that cannot prune their map (notPruning), built on first use
	decls       []*declFunc                          // the function declarations with a body (declFuncs), built on first use
	scopes      map[*ast.FuncDecl]*funcScope         // one funcScope per declaration (scopeOf), built on first use
	entryRead   map[*types.Var]bool                  // maps through whose entries a weak pointer is read (entryReads), built on first use
	yieldSums   map[*types.Func]map[int]bool         // the results of getters that hand out referents (yields), built on first use
	imports     *Summary                             // other packages' facts (Facts)
}

func run(pass *analysis.Pass) (any, error) {
	// Facts did the work the weak rules share (the index, the summaries)
	// where they apply: go on with its checker, reporting through this
	// pass. Otherwise bail out before walking any syntax when no rule can
	// apply: the package neither uses weak pointers nor declares a
	// long-lived map that could be an unbounded memo (rule 4's type
	// criteria, checked on declarations).
	sum := pass.ResultOf[Facts].(*Summary)
	var a *checker
	weakRules := sum.checker != nil
	if weakRules {
		// Only this analyzer reads the Summary, once: taking its checker
		// over (scopes built for Facts point to it) races with nothing.
		a = sum.checker
		a.pass = pass
	} else {
		a = newChecker(pass, sum)
	}
	a.out = suppress.New(pass)
	memo := memoRule && a.hasMemoCandidates()
	if !weakRules && !memo {
		return nil, nil
	}

	if a.ix == nil {
		a.ix = buildIndex(pass, a.in)
	}
	if weakRules {
		a.cleanups = cleanupDeletes(a.ix, a.in)
		a.checkWeakStores()
		a.checkWeakMaps()
		a.checkBackRefs()
	}
	if memo {
		a.checkMemos()
	}
	return nil, nil
}

// newChecker returns the state of a run on the package of pass, with the
// facts sum imported (no index yet, nor a place to report).
func newChecker(pass *analysis.Pass, sum *Summary) *checker {
	return &checker{
		pass:        pass,
		in:          pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		names:       newNames(pass.Pkg),
		globalTypes: map[*types.TypeName]bool{},
		localTypes:  map[*types.TypeName]bool{},
		referents:   pass.ResultOf[referents.Analyzer].(*referents.Result),
		imports:     sum,
	}
}

// weakRulesApply reports whether rules 1 to 3 can apply to the package: it
// imports weak or runtimeweak, declares a variable or field that holds a
// weak pointer, or imports a getter of referents (v := cache.Get(k), by
// the referents fact) or a weak store (c.Put(k, v), by keepsFact), whose
// results or arguments it can store strongly (rule 1).
func (a *checker) weakRulesApply() bool {
	return weakapi.ImportsAny(a.pass.Pkg, weakapi.WeakPath, weakapi.RuntimeWeakPath) || declaresAny(a.pass.Pkg, a.names, holdsWeak) ||
		a.referents != nil || len(a.imports.keeps) > 0
}

// declaresAny reports whether a package-level variable or a field of a
// package-level type or variable has a type (or element type) satisfying pred.
func declaresAny(pkg *types.Package, nm *names, pred func(types.Type) bool) bool {
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if v, ok := scope.Lookup(name).(*types.Var); ok && pred(v.Type()) {
			return true
		}
	}
	for f := range nm.owner {
		if pred(f.Type()) {
			return true
		}
	}
	return false
}

func (a *checker) report(pos token.Pos, format string, args ...any) {
	a.out.Report(analysis.Diagnostic{Pos: pos, Category: "strongcache", Message: fmt.Sprintf(format, args...)})
}

// sortedVars returns the variables of the index declared in this package,
// in source order, so that diagnostics come out deterministically.
func (a *checker) sortedVars() []*types.Var {
	var vs []*types.Var
	for v := range a.ix.vars {
		if v.Pkg() == a.pass.Pkg {
			vs = append(vs, v)
		}
	}
	sort.Slice(vs, func(i, j int) bool { return vs[i].Pos() < vs[j].Pos() })
	return vs
}

// declaredMaps returns the package-level variables and fields of
// package-level types declared in this package that have a map type, in
// source order.
func (a *checker) declaredMaps() []*types.Var {
	var vs []*types.Var
	scope := a.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		if v, ok := scope.Lookup(name).(*types.Var); ok {
			if _, isMap := mapOf(v.Type()); isMap {
				vs = append(vs, v)
			}
		}
	}
	for f := range a.names.owner {
		if _, isMap := f.Type().Underlying().(*types.Map); isMap {
			vs = append(vs, f)
		}
	}
	sort.Slice(vs, func(i, j int) bool { return vs[i].Pos() < vs[j].Pos() })
	return vs
}
