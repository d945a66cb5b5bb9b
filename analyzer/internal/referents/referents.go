// Package referents is a fact-only analyzer: it finds the functions that
// return a possibly reclaimed weak referent (a result of weak.Pointer.Value,
// of runtimeweak's getters, or of another such function) without checking
// it, and the unchecked uses of such referents in each function.
//
// It is the shared summary of weaklint's checks (DESIGN.md, "Summaries"),
// modelled on staticcheck's analysis/facts: analyzers Require it and read
// its Result; it exports a *Fact for every such function, so the summaries
// follow calls across packages.
//
// Summaries are computed callee-first over the package's call graph
// (lazyssa.SSA.Components): reverse topological order of its strongly
// connected components, iterating inside a component until nothing changes.
// There is no round limit, and the result does not depend on the order of
// declarations. Each walk of a function is linear in its size.
package referents

import (
	"go/types"
	"reflect"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/derefs"
	"github.com/weaklint/weaklint/analyzer/internal/lazyssa"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// Analyzer computes the summaries. Its result is a *Result, nil when the
// package cannot hold a weak referent (it imports neither weak nor
// runtimeweak, calls no weak API through another package's types, and none
// of its dependencies exported a Fact).
var Analyzer = &analysis.Analyzer{
	Name:       "weakreferents",
	Doc:        "find functions that return possibly reclaimed weak referents (fact-only, for weaklint's checks)",
	Requires:   []*analysis.Analyzer{lazyssa.Analyzer, derefs.Analyzer},
	FactTypes:  []analysis.Fact{new(Fact), new(CheckFact)},
	ResultType: reflect.TypeFor[*Result](),
	Run:        run,
}

// Result answers questions about the package's functions and the
// functions it calls. Its methods are safe for concurrent use (they only
// read).
type Result struct {
	c   *checker
	ssa *lazyssa.SSA
}

// SSA returns the package's SSA form, the one the results refer to.
func (r *Result) SSA() *lazyssa.SSA { return r.ssa }

// Func returns what is known of fn, a function of this package or of
// another, or nil if it returns no possibly reclaimed referent.
func (r *Result) Func(fn *types.Func) *Fact {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() != r.c.pass.Pkg {
		return r.c.imports[fn]
	}
	if f := r.ssa.Pkg.Prog.FuncValue(fn); f != nil {
		return r.c.summaries[f]
	}
	return nil
}

// SSAFunc returns the summary of a function of this package, closures
// included, or nil.
func (r *Result) SSAFunc(fn *ssa.Function) *Fact {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	return r.c.summaries[fn]
}

// MaybeReclaimed reports whether v, a value of this package's SSA, may be a
// reclaimed referent where it is produced: the pointer result of a weak
// API's getter, or of a function whose Fact says so (v is the call, or an
// Extract of one of its results). It does not look at checks: a value that
// a nil check guards is still MaybeReclaimed; see Uses for what is checked.
// This is the question strongcache asks of `v := cache.Get(k); global = v`.
func (r *Result) MaybeReclaimed(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Call:
		return r.c.callOrigin(v, 0, false) != nil
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			return r.c.callOrigin(call, v.Index, true) != nil
		}
	}
	return false
}

// Uses returns the unchecked uses of possibly reclaimed referents in fn, a
// function of this package (closures included), in the order of its walk.
func (r *Result) Uses(fn *ssa.Function) []Use { return r.c.uses[fn] }

func run(pass *analysis.Pass) (any, error) {
	imports, checks := importedFacts(pass)
	if !weakapi.ImportsAny(pass.Pkg, weakapi.WeakPath, weakapi.RuntimeWeakPath) && len(imports) == 0 && !derefs.UsesSource(pass) {
		return (*Result)(nil), nil
	}
	prog := pass.ResultOf[lazyssa.Analyzer].(*lazyssa.Result).Get()
	c := newChecker(pass, imports, checks, pass.ResultOf[derefs.Analyzer].(*derefs.Result))
	c.fieldFuncs = prog.FieldFuncs()
	c.srcFuncs = prog.SrcFuncs
	c.prog = prog
	c.summarize(prog.Components())
	c.judgeStoredFields(prog.Components())
	c.exportFacts()
	return &Result{c: c, ssa: prog}, nil
}

// importedFacts returns the Facts and CheckFacts of other packages' functions.
func importedFacts(pass *analysis.Pass) (map[*types.Func]*Fact, map[*types.Func]*CheckFact) {
	var m map[*types.Func]*Fact
	checks := make(map[*types.Func]*CheckFact)
	for _, f := range pass.AllObjectFacts() {
		fn, ok := f.Object.(*types.Func)
		if !ok || fn.Pkg() == pass.Pkg {
			continue
		}
		switch f := f.Fact.(type) {
		case *Fact:
			if m == nil {
				m = make(map[*types.Func]*Fact)
			}
			m[fn] = f
		case *CheckFact:
			checks[fn] = f
		}
	}
	return m, checks
}
