package referents

import (
	"go/types"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/derefs"
	"github.com/weaklint/weaklint/analyzer/internal/lazyssa"
)

// checker holds what is known about one package's functions.
type checker struct {
	pass           *analysis.Pass
	summaries      map[*ssa.Function]*Fact                     // functions returning unchecked weak referents
	guards         map[*ssa.Function]guard                     // nil-check helpers returning bool
	errGuards      map[*ssa.Function]errGuard                  // validating functions returning an error
	asserts        map[*ssa.Function][]int                     // bool params true, pointer params non-nil, whenever the function returns
	assertsNil     map[*ssa.Function][]int                     // bool params false, pointer and interface params nil, whenever the function returns
	noReturns      map[*ssa.Function]bool                      // memo of noReturn
	deadEnds       map[*ssa.BasicBlock]bool                    // memo of deadEnd
	bindings       map[*ssa.FreeVar]ssa.Value                  // what each closure's free variable is bound to
	closureFacts   map[*ssa.Function][]fact                    // facts that hold where a closure is made
	cells          map[*ssa.Alloc]ssa.Value                    // memo of cellValue
	derefs         *derefs.Result                              // which parameters functions dereference
	uses           map[*ssa.Function][]Use                     // unchecked uses found by each function's last walk
	imports        map[*types.Func]*Fact                       // facts of other packages' functions (read once: Result's methods run after the pass)
	checkImports   map[*types.Func]*CheckFact                  // other packages' check helpers
	fieldFuncs     map[*types.Var][]*ssa.Function              // the functions stored in fields of function type
	fieldReps      map[fieldKey]ssa.Value                      // the representative read of each field of a call result
	elemFieldReads map[ssa.Value]fieldKey                      // a representative read of a field of a slice element, and which (elemfields.go)
	fieldCalls     map[ssa.Value]fieldOfCall                   // what each representative reads
	allocStores    map[fieldKey]fieldStores                    // memo of fieldStoresOf
	blockIndex     map[*ssa.BasicBlock]map[ssa.Instruction]int // memo of instrIndex
	errorsIs       map[*ssa.Function]errorsIsMemo              // memo of errorsIsCall for helpers
	srcFuncs       []*ssa.Function                             // the package's functions, for exportChecks
	prog           *lazyssa.SSA                                // the package's SSA, for the types it converts to interfaces
	heapFields     map[*ssa.UnOp]ssa.Value                     // memo of heapFieldStore
	deferredRuns   map[*ssa.Function]*deferredRun              // where each deferred closure runs (deferred.go), while its component is summarized
	// the callbacks of functions whose parameters nested closures call
	// (an iterator's own range-over-func body calling its yield)
	nestedCallbacks map[*ssa.Function][]Callback
	nestedSendsOn   map[*ssa.Function][]int // channel parameters of a function that a closure of it sends on (sendson.go)
	elemReps        map[elemKey]ssa.Value   // the representative read of each element of a call's slice result (elems.go)

	// Fields that may hold an unchecked referent (storedfields.go).
	fieldStoresBy map[*ssa.Function][]uncheckedFieldStore // each function's unchecked field stores, from its last walk
	storedFields  map[*types.Var]*uncheckedFieldStore     // the package's record: one unchecked store per field
	chanFields    map[*types.Var]*uncheckedFieldStore     // the same for the values sent on channel fields (chanfields.go)
	sentOn        map[chanKey]chanSend                    // one unchecked send on each channel a function makes (chans.go)
	fieldPhase    bool                                    // the record is complete: reads of its fields are referents
	fieldLoadReps map[fieldPathKey]ssa.Value              // the representative read of each field path (storedFieldRep)
	fieldWriters  map[*ssa.Function]map[*types.Var]bool   // memo of writesField
	fieldStoresIn map[*ssa.Function]map[*types.Var]bool   // memo of directWrites
	allocChecks   map[*ssa.Alloc]map[int]bool             // memo of checkedFields
	outArgs       map[*ssa.Alloc]outArg                   // memo of outCandidate (outparams.go)
}

func newChecker(pass *analysis.Pass, imports map[*types.Func]*Fact, checks map[*types.Func]*CheckFact, d *derefs.Result) *checker {
	return &checker{
		pass:         pass,
		derefs:       d,
		imports:      imports,
		checkImports: checks,
		summaries:    make(map[*ssa.Function]*Fact),
		guards:       make(map[*ssa.Function]guard),
		errGuards:    make(map[*ssa.Function]errGuard),
		asserts:      make(map[*ssa.Function][]int),
		assertsNil:   make(map[*ssa.Function][]int),
		noReturns:    make(map[*ssa.Function]bool),
		deadEnds:     make(map[*ssa.BasicBlock]bool),
		bindings:     make(map[*ssa.FreeVar]ssa.Value),
		closureFacts: make(map[*ssa.Function][]fact),
		cells:        make(map[*ssa.Alloc]ssa.Value),
		uses:         make(map[*ssa.Function][]Use),
		fieldReps:    make(map[fieldKey]ssa.Value),
		fieldCalls:   make(map[ssa.Value]fieldOfCall),
		allocStores:  make(map[fieldKey]fieldStores),
		blockIndex:   make(map[*ssa.BasicBlock]map[ssa.Instruction]int),
		errorsIs:     make(map[*ssa.Function]errorsIsMemo),
		heapFields:   make(map[*ssa.UnOp]ssa.Value),
		deferredRuns: make(map[*ssa.Function]*deferredRun),

		nestedCallbacks: make(map[*ssa.Function][]Callback),
		nestedSendsOn:   make(map[*ssa.Function][]int),
		elemReps:        make(map[elemKey]ssa.Value),

		fieldStoresBy: make(map[*ssa.Function][]uncheckedFieldStore),
		fieldLoadReps: make(map[fieldPathKey]ssa.Value),
		fieldWriters:  make(map[*ssa.Function]map[*types.Var]bool),
		fieldStoresIn: make(map[*ssa.Function]map[*types.Var]bool),
		allocChecks:   make(map[*ssa.Alloc]map[int]bool),
	}
}

// summarize computes every function's summary callee-first: components of
// the call graph in reverse topological order, each walked until its
// summaries stop changing. Summaries only grow (update joins the old and the
// new), so the iteration ends without a round limit; a component without
// recursion is walked once more than it has functions at most.
func (c *checker) summarize(sccs []lazyssa.Component) {
	for _, scc := range sccs {
		for {
			changed := false
			for _, fn := range scc.Funcs {
				w := c.walk(fn)
				c.uses[fn] = w.uses
				c.fieldStoresBy[fn] = w.fieldStores
				changed = c.update(fn, w) || changed
			}
			if !changed || !scc.Cyclic {
				break
			}
		}
		for _, fn := range scc.Funcs {
			delete(c.deferredRuns, fn) // (its function's walk, kept for it)
		}
	}
}

// update joins the summary found by w with what was known of fn, and
// reports whether that changed anything.
func (c *checker) update(fn *ssa.Function, w *walker) bool {
	changed := w.nestedChanged // the maker's summary needs another walk
	if sum := joinFacts(c.summaries[fn], w.summary()); !sameFact(c.summaries[fn], sum) {
		c.summaries[fn] = sum
		changed = true
	}
	if g := joinGuards(c.guards[fn], w.guardedParams()); !g.equal(c.guards[fn]) {
		c.guards[fn] = g
		changed = true
	}
	if a := joinInts(c.asserts[fn], w.assertedParams()); !equalInts(c.asserts[fn], a) {
		c.asserts[fn] = a
		changed = true
	}
	if a := joinInts(c.assertsNil[fn], w.assertedNilParams()); !equalInts(c.assertsNil[fn], a) {
		c.assertsNil[fn] = a
		changed = true
	}
	if g := w.errGuardOf(); g.result >= 0 {
		old, had := c.errGuards[fn]
		if had {
			g = errGuard{result: old.result, params: joinInts(old.params, g.params)}
		}
		if !had || !g.equal(old) {
			c.errGuards[fn] = g
			changed = true
		}
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
	c.exportInterfaceFacts()
	c.exportChecks()
}

// joinFacts returns the union of two summaries: a result that may be
// reclaimed in either may be in the union; its ok result holds in the union
// only if both agree on it.
func joinFacts(old, new *Fact) *Fact {
	if old == nil {
		return new
	}
	if new == nil {
		return old
	}
	out := &Fact{Results: append([]MaybeNil(nil), old.Results...)}
	out.Callbacks = slices.Concat(old.Callbacks, new.Callbacks)
	slices.SortFunc(out.Callbacks, compareCallbacks)
	out.Callbacks = slices.Compact(out.Callbacks)
	out.SendsOn = joinInts(old.SendsOn, new.SendsOn)
	for _, r := range new.Results {
		i := out.index(r.Index, r.Field)
		if i < 0 {
			out.Results = append(out.Results, r)
			continue
		}
		if !out.Results[i].equal(r) {
			out.Results[i] = out.Results[i].meet(r)
		}
	}
	sortResults(out.Results)
	return out
}

func joinGuards(old, new guard) guard {
	return guard{ifTrue: joinInts(old.ifTrue, new.ifTrue), ifFalse: joinInts(old.ifFalse, new.ifFalse),
		fieldsTrue: joinInts(old.fieldsTrue, new.fieldsTrue), fieldsFalse: joinInts(old.fieldsFalse, new.fieldsFalse)}
}

// joinInts returns the sorted union of two sorted index lists.
func joinInts(a, b []int) []int {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

func sameFact(a, b *Fact) bool {
	if a == nil || b == nil {
		return a == b
	}
	if len(a.Results) != len(b.Results) || !slices.Equal(a.Callbacks, b.Callbacks) || !slices.Equal(a.SendsOn, b.SendsOn) {
		return false
	}
	for i := range a.Results {
		if !a.Results[i].equal(b.Results[i]) {
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
