// Package registrars is a fact-only analyzer: it finds the calls that
// attach a cleanup or finalizer to an object (runtime.AddCleanup,
// runtime.SetFinalizer, runtimeweak's registrars) and the package's
// functions that forward their parameters to one (wrappers), also through
// closures they make (sync.Once.Do, sync.OnceFunc, helpers that run a
// func). Each wrapper gets a *Fact, exported for importers.
//
// Wrappers are found callee-first over the package's call graph
// (lazyssa.SSA.Components), iterating inside a recursive component until
// nothing changes: no round limit, and the result does not depend on the
// order of declarations.
package registrars

import (
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/derefs"
	"github.com/weaklint/weaklint/analyzer/internal/lazyssa"
	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// Analyzer finds registrar calls and wrappers. Its result is a *Result,
// nil when the package refers to no registrar and to no wrapper of another
// package.
var Analyzer = &analysis.Analyzer{
	Name:       "weakregistrars",
	Doc:        "find calls that register cleanups and functions that forward their parameters to them (fact-only, for weaklint's checks)",
	Requires:   []*analysis.Analyzer{lazyssa.Analyzer},
	FactTypes:  []analysis.Fact{new(Fact)},
	ResultType: reflect.TypeFor[*Result](),
	Run:        run,
}

// Result lists the package's registrations. Its methods only read.
type Result struct {
	r     *registrars
	sites []*Site
}

// Sites returns every call of a registrar or wrapper in the package
// (closures included), callees' components first.
func (r *Result) Sites() []*Site { return r.sites }

// Lookup returns how a call of fn registers a cleanup: a known registrar,
// a wrapper of this package, or one of another package (its Fact); nil if
// it does not.
func (r *Result) Lookup(fn *types.Func) *Fact { return r.r.Lookup(fn.Origin()) }

func run(pass *analysis.Pass) (any, error) {
	imports := importedFacts(pass)
	// Most packages never register a cleanup: decide from the identifiers
	// before building SSA (the analyzer runs on every dependency because
	// of its facts).
	if !usesRegistrar(pass, imports) {
		return (*Result)(nil), nil
	}
	// Only the functions that call a registrar or wrapper, directly or
	// through the package's own functions, can be wrappers or hold sites;
	// GetFor builds those, what they call, and what Components needs to
	// order them as among all the package's functions (unless derefs
	// builds all of them anyway).
	res := pass.ResultOf[lazyssa.Analyzer].(*lazyssa.Result)
	var prog *lazyssa.SSA
	if derefs.BuildsAll(pass) {
		prog = res.Get()
	} else {
		prog = res.GetFor(func(obj types.Object) bool {
			fn, ok := obj.(*types.Func)
			return ok && isRegistrar(fn, imports)
		})
	}
	reg := newRegistrars(pass, new(reach.Query), imports)
	sites := reg.findWrappers(prog.Components())
	reg.exportFacts()
	return &Result{r: reg, sites: sites}, nil
}

// usesRegistrar reports whether the package refers to a known registrar or
// to a function that another package marked as a registrar wrapper.
func usesRegistrar(pass *analysis.Pass, imports map[*types.Func]*Fact) bool {
	for _, obj := range pass.TypesInfo.Uses {
		if fn, ok := obj.(*types.Func); ok && isRegistrar(fn, imports) {
			return true
		}
	}
	return false
}

// isRegistrar reports whether fn is a known registrar or another package's
// wrapper of one.
func isRegistrar(fn *types.Func, imports map[*types.Func]*Fact) bool {
	if _, ok := weakapi.LookupRegistrar(fn); ok {
		return true
	}
	return imports[fn.Origin()] != nil
}

func importedFacts(pass *analysis.Pass) map[*types.Func]*Fact {
	m := make(map[*types.Func]*Fact)
	for _, f := range pass.AllObjectFacts() {
		if fn, ok := f.Object.(*types.Func); ok && fn.Pkg() != pass.Pkg {
			m[fn] = f.Fact.(*Fact)
		}
	}
	return m
}
