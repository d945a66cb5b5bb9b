package strongcache

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/weaklint/weaklint/analyzer/internal/factscope"
	"github.com/weaklint/weaklint/analyzer/internal/referents"
)

// Rule 1 follows weak pointers across packages: a weak cache of one package
// (Put keeps a weak pointer to its argument in the receiver; Get hands out
// referents) is filled and read in another, where the strong copy is
// kept (s.c.Put(id, sp); s.history = append(s.history, sp)). The
// summaries of this package's exported functions travel as facts.
//
// Facts are computed only where the weak rules run, so a package the vet
// gate skips (internal/vetgate) would have exported none anyway. They are
// computed by Facts, a fact-only analyzer that strongcache requires and
// whose summaries it reuses: an analyzer with facts runs on every
// dependency, and the opt-in memo rule (rule 4), which looks at every
// package, must run only where its reports are wanted.

// Facts computes the summaries of rule 1 (which functions keep weak
// pointers to their arguments, hand out referents, or return an identity)
// and exports them for importers. Its result, a *Summary, carries them to
// strongcache.
var Facts = &analysis.Analyzer{
	Name:       "strongcachefacts",
	Doc:        "find functions that keep weak pointers to their arguments or hand out weak referents (fact-only, for strongcache)",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, referents.Analyzer},
	FactTypes:  []analysis.Fact{new(keepsFact), new(identityFact)},
	ResultType: reflect.TypeFor[*Summary](),
	Run:        runFacts,
}

// A Summary is the result of Facts for one package: the facts imported
// from its dependencies and, where the weak rules apply, the checker that
// computed its own summaries (nil otherwise), which strongcache goes on
// with.
type Summary struct {
	checker    *checker
	keeps      map[*types.Func]*keepsFact // other packages' functions
	identities map[*types.Func]bool       // other packages' methods
}

func runFacts(pass *analysis.Pass) (any, error) {
	s := &Summary{keeps: map[*types.Func]*keepsFact{}, identities: map[*types.Func]bool{}}
	for _, f := range pass.AllObjectFacts() {
		fn, ok := f.Object.(*types.Func)
		if !ok || fn.Pkg() == pass.Pkg {
			continue
		}
		switch f := f.Fact.(type) {
		case *keepsFact:
			s.keeps[fn] = f
		case *identityFact:
			s.identities[fn] = true
		}
	}
	a := newChecker(pass, s)
	if !a.weakRulesApply() {
		return s, nil
	}
	a.ix = buildIndex(pass, a.in)
	a.exportFacts()
	s.checker = a
	return s, nil
}

// A keepsFact tells importers what an exported function does with weak
// pointers: which arguments it holds weakly and where it keeps the weak
// pointer (weakParams), and which results hand out referents (yields).
type keepsFact struct {
	Weak   []weakKeep // sorted by Param
	Yields []int      // sorted; not those the referents fact names (unchecked)
}

// A weakKeep says where a function keeps the weak pointer it makes of its
// argument Param (-1: the receiver): in places rooted at its arguments In
// (sorted, -1 the receiver), or in a package-level variable of its package.
type weakKeep struct {
	Param  int
	In     []int
	Global bool
}

func (*keepsFact) AFact() {}

func (f *keepsFact) String() string {
	s := "keeps("
	for i, w := range f.Weak {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("weak %d in %v", w.Param, w.In)
		if w.Global {
			s += " global"
		}
	}
	if len(f.Yields) > 0 {
		if len(f.Weak) > 0 {
			s += ", "
		}
		s += fmt.Sprintf("yields %v", f.Yields)
	}
	return s + ")"
}

// An identityFact marks a method that returns a field of its receiver
// that identifies the object (identityField: set once, fresh from a
// counter, where the object is made): a map keyed by it (p.borrowed[c.ID()]
// = weak.Make(c)) holds under each key only the one object's weak pointer.
// It only ever silences a report, in a package that uses weak pointers: it
// is inert for the vet gate.
type identityFact struct{}

func (*identityFact) AFact()         {}
func (*identityFact) String() string { return "identity" }

// InertFacts lists the fact types of Analyzer that the vet gate may treat
// as inert (analyzer.Gate.InertFacts).
var InertFacts = []analysis.Fact{new(identityFact)}

// importedKeeps returns the keepsFact of fn, a function of another
// package, or nil.
func (a *checker) importedKeeps(fn *types.Func) *keepsFact {
	return a.imports.keeps[fn.Origin()]
}

// exportFacts exports the summaries of the package's exported functions.
// The standard library's internal packages export none (factscope): a fact
// deep in it would make the vet gate type-check every importer.
func (a *checker) exportFacts() {
	if factscope.StdPrivate(a.pass) {
		return
	}
	weak, yields := a.weakParams(), a.yields()
	for _, f := range a.declFuncs() {
		fn := f.fn
		if !fn.Exported() {
			continue
		}
		fact := &keepsFact{}
		sum := weak[fn]
		for _, i := range paramOrder(sum) {
			wp := sum[i]
			if len(wp.params) == 0 && len(wp.globals) == 0 {
				continue // only returned: where it goes is the caller's
			}
			k := weakKeep{Param: i, Global: len(wp.globals) > 0}
			for j := range wp.params {
				k.In = append(k.In, j)
			}
			slices.Sort(k.In)
			fact.Weak = append(fact.Weak, k)
		}
		for i := range yields[fn] {
			if !a.returnsReferent(fn, i) { // else the referents fact says it
				fact.Yields = append(fact.Yields, i)
			}
		}
		slices.Sort(fact.Yields)
		if len(fact.Weak) > 0 || len(fact.Yields) > 0 {
			a.pass.ExportObjectFact(fn, fact)
		}
		if fn.Signature().Recv() != nil && a.returnsIdentity(fn, f.cur.Node().(*ast.FuncDecl)) {
			a.pass.ExportObjectFact(fn, new(identityFact))
		}
	}
}

// identityAccessor reports whether fn, a method of this package or
// another, returns a field of its receiver that identifies the object.
func (a *checker) identityAccessor(fn *types.Func) bool {
	fn = fn.Origin()
	if fn.Pkg() == nil {
		return false
	}
	if fn.Pkg() != a.pass.Pkg {
		return a.imports.identities[fn]
	}
	d := a.ix.funcDecl(fn)
	return d != nil && a.returnsIdentity(fn, d)
}

// returnsIdentity reports whether the method fn, declared at d, consists
// of return r.f, r being its receiver and f an identity field of the
// package (identityField).
func (a *checker) returnsIdentity(fn *types.Func, d *ast.FuncDecl) bool {
	recv := fn.Signature().Recv()
	if recv == nil || d.Body == nil || len(d.Body.List) != 1 {
		return false
	}
	ret, ok := d.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return false
	}
	sel, ok := ast.Unparen(ret.Results[0]).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	info := a.pass.TypesInfo
	x, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok || info.Uses[x] != recv {
		return false
	}
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return false
	}
	f, _ := s.Obj().(*types.Var)
	return f != nil && f.Pkg() == a.pass.Pkg && a.ix.identityField(f.Origin())
}
