package weakderef

import (
	_ "embed"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/weaklint/weaklint/analyzer/internal/analysisdoc"
	"github.com/weaklint/weaklint/analyzer/internal/lazyssa"
	"github.com/weaklint/weaklint/analyzer/internal/suppress"
	"github.com/weaklint/weaklint/internal/weakapi"
)

//go:embed doc.go
var doc string

// Analyzer reports uses of possibly reclaimed weak referents.
var Analyzer = &analysis.Analyzer{
	Name:       "weakderef",
	Doc:        analysisdoc.MustExtract(doc, "weakderef"),
	URL:        "https://github.com/weaklint/weaklint#weakderef",
	Requires:   []*analysis.Analyzer{lazyssa.Analyzer},
	FactTypes:  []analysis.Fact{new(maybeNilFact)},
	Run:        suppress.Run(run), // the result: which //weaklint:ignore directives silenced something
	ResultType: suppress.UsedType,
}

// maxRounds bounds the fixed-point iteration over the package's functions;
// each round can only add results to the summaries, so it converges quickly
// (call chains deeper than this inside one package are not followed).
const maxRounds = 8

func run(pass *analysis.Pass) (any, error) {
	// A package that does not import weak or runtimeweak, whose
	// dependencies exported no fact, and that calls no weak API through
	// another package's types (reg.Svc.Value() on a field declared
	// elsewhere), has no source of weak referents.
	if !weakapi.ImportsAny(pass.Pkg, weakapi.WeakPath, weakapi.RuntimeWeakPath) && !importsFacts(pass) && !usesSource(pass) {
		return nil, nil
	}
	prog := pass.ResultOf[lazyssa.Analyzer].(*lazyssa.Result).Get()
	c := newChecker(pass, prog.SrcFuncs)

	// Summarize every function (which results return an unchecked weak
	// referent, which bool helpers check a pointer) until nothing changes;
	// the diagnostics of the last round are the ones that hold.
	var diags []analysis.Diagnostic
	for round := 0; round < maxRounds; round++ {
		diags = diags[:0]
		changed := false
		for _, fn := range prog.SrcFuncs {
			w := c.walk(fn)
			diags = append(diags, w.diags...)
			changed = c.update(fn, w) || changed
		}
		if !changed {
			break
		}
	}
	report := suppress.New(pass)
	for _, d := range diags {
		report.Report(d)
	}
	c.exportFacts()
	return nil, nil
}

// usesSource reports whether the package selects a known source of possibly
// reclaimed referents (weak.Pointer.Value, runtimeweak's getters). Every
// source is a method, so the selections (far fewer than all identifier
// uses) are enough.
func usesSource(pass *analysis.Pass) bool {
	for _, sel := range pass.TypesInfo.Selections {
		if fn, ok := sel.Obj().(*types.Func); ok {
			if _, ok := weakapi.LookupSource(fn); ok {
				return true
			}
		}
	}
	return false
}

func importsFacts(pass *analysis.Pass) bool {
	for _, f := range pass.AllObjectFacts() {
		if f.Object.Pkg() != pass.Pkg {
			return true
		}
	}
	return false
}

// checker holds what is known about one package's functions.
type checker struct {
	pass         *analysis.Pass
	summaries    map[*ssa.Function]*maybeNilFact // functions returning unchecked weak referents
	guards       map[*ssa.Function]guard         // nil-check helpers returning bool
	errGuards    map[*ssa.Function]errGuard      // validating functions returning an error
	asserts      map[*ssa.Function][]int         // bool params true whenever the function returns
	noReturns    map[*ssa.Function]bool          // memo of noReturn
	bindings     map[*ssa.FreeVar]ssa.Value      // what each closure's free variable is bound to
	closureFacts map[*ssa.Function][]fact        // facts that hold where a closure is made
	cells        map[*ssa.Alloc]ssa.Value        // memo of cellValue
	derefs       map[*ssa.Parameter]derefState   // memo of derefsParam
	syntax       *syntaxIndex
}

func newChecker(pass *analysis.Pass, funcs []*ssa.Function) *checker {
	return &checker{
		pass:         pass,
		summaries:    make(map[*ssa.Function]*maybeNilFact),
		guards:       make(map[*ssa.Function]guard),
		errGuards:    make(map[*ssa.Function]errGuard),
		asserts:      make(map[*ssa.Function][]int),
		noReturns:    make(map[*ssa.Function]bool),
		bindings:     make(map[*ssa.FreeVar]ssa.Value),
		closureFacts: make(map[*ssa.Function][]fact),
		cells:        make(map[*ssa.Alloc]ssa.Value),
		derefs:       make(map[*ssa.Parameter]derefState),
		syntax:       newSyntaxIndex(pass),
	}
}

// update records the summary found by w and reports whether it changed.
func (c *checker) update(fn *ssa.Function, w *walker) bool {
	changed := false
	if sum := w.summary(); !sameFact(c.summaries[fn], sum) {
		if sum == nil {
			delete(c.summaries, fn)
		} else {
			c.summaries[fn] = sum
		}
		changed = true
	}
	if g := w.guardedParams(); !g.equal(c.guards[fn]) {
		c.guards[fn] = g
		changed = true
	}
	if a := w.assertedParams(); !equalInts(c.asserts[fn], a) {
		c.asserts[fn] = a
		changed = true
	}
	g := w.errGuardOf()
	old, had := c.errGuards[fn]
	switch {
	case g.result < 0 && had:
		delete(c.errGuards, fn)
		changed = true
	case g.result >= 0 && (!had || !g.equal(old)):
		c.errGuards[fn] = g
		changed = true
	}
	return changed
}

func (c *checker) exportFacts() {
	for fn, sum := range c.summaries {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || obj.Pkg() != c.pass.Pkg {
			continue
		}
		c.pass.ExportObjectFact(obj, sum)
	}
}

func sameFact(a, b *maybeNilFact) bool {
	if a == nil || b == nil {
		return a == b
	}
	if len(a.Results) != len(b.Results) {
		return false
	}
	for i := range a.Results {
		if a.Results[i] != b.Results[i] {
			return false
		}
	}
	return true
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
