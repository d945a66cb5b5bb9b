package referents

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"sync"

	"github.com/weaklint/weaklint/internal/ssa"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// A CheckFact marks a function that checks its arguments, so that a call of
// it guards them in the caller as an inline check would, across packages:
//
//	func mustLive(t *testing.T, d *Doc) { if d == nil { t.Fatal("gone") } } // Asserted [1]
//	func alive(d *Doc) bool { return d != nil && d.ok }                     // IfTrue [0]
//	func check(d *Doc) error { if d == nil { return errGone }; return nil } // Err 0, ErrParams [0]
//
// It is exported for the exported functions of the packages the referents
// analyzer runs on that test the parameters themselves (explicitChecks);
// the same summaries of this package's functions are kept in the checker's
// maps. It is inert for go vet's fast path (analyzer.Table): it is read
// only where the referents analyzer runs for other reasons.
// (The table knownChecks describes test libraries the same way.)
type CheckFact struct {
	// Asserted: parameters that are non-nil (a pointer) or true (a bool)
	// whenever the function returns normally: it panics, exits or ends the
	// test otherwise.
	Asserted []int
	// AssertedNil: parameters that are nil (a pointer, an error) or false
	// (a bool) whenever the function returns normally:
	//	func noErr(t *testing.T, err error) { if err != nil { t.Fatal(err) } } // AssertedNil [1]
	AssertedNil []int
	// IfTrue, IfFalse: pointer parameters non-nil when the function's only
	// result, a bool, is true (resp. false).
	IfTrue, IfFalse []int
	// IfTrueFields, IfFalseFields: pointer fields of struct parameters
	// non-nil when the bool result is true (resp. false), each as
	// param<<16 | field (fieldguards.go):
	//	func (s Scoped) Live() bool { return s.Log != nil } // IfTrueFields [0.0]
	IfTrueFields, IfFalseFields []int
	// ErrParams: pointer parameters non-nil when error result Err is nil.
	Err       int
	ErrParams []int
	// ErrIsNot: the keys (errkeys.go) that error parameter ErrIs does not
	// match when the function's only result, a bool, is false:
	//	func IsGone(err error) bool { return errors.Is(err, ErrEvicted) || errors.Is(err, ErrClosed) }
	ErrIs    int
	ErrIsNot []string
}

func (*CheckFact) AFact() {}

func (f *CheckFact) String() string {
	s := "checks("
	if len(f.Asserted) > 0 {
		s += fmt.Sprintf(" asserted=%v", f.Asserted)
	}
	if len(f.AssertedNil) > 0 {
		s += fmt.Sprintf(" assertednil=%v", f.AssertedNil)
	}
	if len(f.IfTrue) > 0 {
		s += fmt.Sprintf(" iftrue=%v", f.IfTrue)
	}
	if len(f.IfFalse) > 0 {
		s += fmt.Sprintf(" iffalse=%v", f.IfFalse)
	}
	for _, fs := range []struct {
		name string
		ks   []int
	}{{"iftrue", f.IfTrueFields}, {"iffalse", f.IfFalseFields}} {
		for _, k := range fs.ks {
			i, j := splitFieldCheck(k)
			s += fmt.Sprintf(" %s=%d.%d", fs.name, i, j)
		}
	}
	if len(f.ErrParams) > 0 {
		s += fmt.Sprintf(" err%d=%v", f.Err, f.ErrParams)
	}
	if len(f.ErrIsNot) > 0 {
		s += fmt.Sprintf(" is%d=%v", f.ErrIs, f.ErrIsNot)
	}
	return s + " )"
}

func (f *CheckFact) empty() bool {
	return len(f.Asserted)+len(f.AssertedNil)+len(f.IfTrue)+len(f.IfFalse)+len(f.IfTrueFields)+len(f.IfFalseFields)+len(f.ErrParams)+len(f.ErrIsNot) == 0
}

// checksOf returns what the function called by common checks of its
// arguments: this package's summaries, or another package's CheckFact. The
// result is nil when it checks nothing.
func (c *checker) checksOf(common *ssa.CallCommon) *CheckFact {
	if fn := localCallee(common); fn != nil {
		return c.localChecks(fn)
	}
	if _, bound := common.Value.(*ssa.MakeClosure); bound {
		return nil // f := h.must; f(v): the receiver is not in Args
	}
	if fn := weakapi.SSACallee(common); fn != nil && fn.Pkg() != c.pass.Pkg {
		if f, ok := c.checkImports[fn.Origin()]; ok {
			return f
		}
		return knownCheck(fn)
	}
	return nil
}

// knownChecks are the nil assertions of common test libraries, whose
// bodies weaklint does not analyze (their packages do not use weak
// pointers): by package path, receiver type name ("" for functions) and
// name. Their object parameter is an interface, tested with reflection, so
// a nil *T inside it counts as nil (see argValue). Built on first use:
// most weaklint processes are go vet units that never analyze a package.
var knownChecks = sync.OnceValue(func() map[string]map[string]map[string]*CheckFact {
	return map[string]map[string]map[string]*CheckFact{
		"github.com/stretchr/testify/require": {
			"":           {"NotNil": {Asserted: []int{1}, Err: -1}, "NotNilf": {Asserted: []int{1}, Err: -1}},
			"Assertions": {"NotNil": {Asserted: []int{1}, Err: -1}, "NotNilf": {Asserted: []int{1}, Err: -1}},
		},
		"github.com/stretchr/testify/assert": {
			"":           {"NotNil": {IfTrue: []int{1}, Err: -1}, "NotNilf": {IfTrue: []int{1}, Err: -1}},
			"Assertions": {"NotNil": {IfTrue: []int{1}, Err: -1}, "NotNilf": {IfTrue: []int{1}, Err: -1}},
		},
	}
})

func knownCheck(fn *types.Func) *CheckFact {
	if fn.Pkg() == nil {
		return nil
	}
	byRecv := knownChecks()[fn.Pkg().Path()]
	if byRecv == nil {
		return nil
	}
	recv := ""
	if r := fn.Signature().Recv(); r != nil {
		recv = weakapi.RecvTypeName(r.Type())
	}
	return byRecv[recv][fn.Name()]
}

// argValue returns the value a check helper's argument i tests: the
// pointer itself, through conversions between pointer types, and through
// the conversion to the interface parameter of a reflection-based check
// (knownChecks; a helper whose body was analyzed has pointer parameters).
func (c *checker) argValue(common *ssa.CallCommon, i int) ssa.Value {
	arg := common.Args[i]
	if mi, ok := arg.(*ssa.MakeInterface); ok && isPointer(mi.X.Type()) {
		arg = mi.X
	}
	return c.canon(unwrapConversion(arg))
}

// localChecks returns the CheckFact of fn, a function of this package, or
// nil if it checks nothing.
func (c *checker) localChecks(fn *ssa.Function) *CheckFact {
	g, eg := c.guards[fn], c.errGuards[fn]
	f := &CheckFact{Asserted: c.asserts[fn], AssertedNil: c.assertsNil[fn], IfTrue: g.ifTrue, IfFalse: g.ifFalse,
		IfTrueFields: g.fieldsTrue, IfFalseFields: g.fieldsFalse, Err: -1}
	if len(eg.params) > 0 {
		f.Err, f.ErrParams = eg.result, eg.params
	}
	if f.empty() {
		return nil
	}
	return f
}

// assertedFacts returns what holds after a call of a function that
// returned normally: its asserted pointer arguments are non-nil, its
// asserted bool arguments true (with their conditions' facts); those
// asserted nil are nil (an error: with what its nil-ness guards), or false.
func (w *walker) assertedFacts(common *ssa.CallCommon) []fact {
	f := w.c.checksOf(common)
	if f == nil {
		return nil
	}
	var facts []fact
	for _, i := range f.Asserted {
		if i >= len(common.Args) {
			continue
		}
		arg := common.Args[i]
		if _, iface := arg.(*ssa.MakeInterface); iface || isPointer(arg.Type()) {
			facts = append(facts, fact{w.c.argValue(common, i), true})
			continue
		}
		onTrue, _ := w.condFacts(arg)
		facts = append(facts, onTrue...)
	}
	for _, i := range f.AssertedNil {
		if i >= len(common.Args) {
			continue
		}
		if arg := common.Args[i]; isBool(arg.Type()) {
			_, onFalse := w.condFacts(arg)
			facts = append(facts, onFalse...)
			continue
		}
		facts = append(facts, w.nilFacts(w.c.argValue(common, i))...)
	}
	return facts
}

// exportChecks exports a CheckFact for each exported function of the
// package that checks its arguments.
func (c *checker) exportChecks() {
	seen := make(map[*ssa.Function]bool)
	for fn := range c.asserts {
		seen[fn] = true
	}
	for fn := range c.assertsNil {
		seen[fn] = true
	}
	for fn := range c.guards {
		seen[fn] = true
	}
	for fn := range c.errGuards {
		seen[fn] = true
	}
	for _, fn := range c.srcFuncs {
		if isErrorsIsHelper(fn) {
			seen[fn] = true
		}
	}
	for fn := range seen {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || obj.Pkg() != c.pass.Pkg || !obj.Exported() {
			continue
		}
		var f *CheckFact
		if local := c.localChecks(fn); local != nil {
			f = explicitChecks(fn, local)
		}
		if isErrorsIsHelper(fn) {
			if param, not := c.errorsIsOf(fn); param >= 0 {
				if f == nil {
					f = &CheckFact{Err: -1}
				}
				f.ErrIs, f.ErrIsNot = param, slices.Sorted(maps.Keys(not.keys))
			}
		}
		if f != nil {
			c.pass.ExportObjectFact(obj, f)
		}
	}
}

// isErrorsIsHelper reports whether fn has the shape of a test of an error:
// an error parameter and a single bool result.
func isErrorsIsHelper(fn *ssa.Function) bool {
	sig := fn.Signature
	if sig.Results().Len() != 1 || !isBool(sig.Results().At(0).Type()) {
		return false
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if isErrorType(sig.Params().At(i).Type()) {
			return true
		}
	}
	return false
}

// explicitChecks keeps, of what fn checks, the parameters that its body
// tests itself (p == nil, if !ok), or nil if none: the summaries also
// hold vacuously (a bool method that always returns false guards its
// receiver "when true") or by accident (a method returning another call's
// error "guards" its receiver), which is harmless inside the package but
// would export a fact for most functions of a package (crypto/tls: 17),
// meaningless to its importers.
func explicitChecks(fn *ssa.Function, f *CheckFact) *CheckFact {
	keep := func(idx []int) []int {
		var out []int
		for _, i := range idx {
			if i < len(fn.Params) && testedParam(fn.Params[i]) {
				out = append(out, i)
			}
		}
		return out
	}
	g := &CheckFact{Asserted: keep(f.Asserted), AssertedNil: keep(f.AssertedNil), IfTrue: keep(f.IfTrue), IfFalse: keep(f.IfFalse),
		IfTrueFields: testedFields(fn, f.IfTrueFields), IfFalseFields: testedFields(fn, f.IfFalseFields), Err: -1}
	if params := keep(f.ErrParams); len(params) > 0 {
		g.Err, g.ErrParams = f.Err, params
	}
	if g.empty() {
		return nil
	}
	return g
}

// testedParam reports whether the body tests p: compares the pointer with
// nil, or branches on the bool (if ok, if !ok).
func testedParam(p ssa.Value) bool {
	for _, ref := range *p.Referrers() {
		switch ref := ref.(type) {
		case *ssa.BinOp:
			if _, _, ok := nilComparison(ref, p); ok {
				return true
			}
		case *ssa.If:
			return true
		case *ssa.UnOp:
			if ref.Op == token.NOT {
				for _, r := range *ref.Referrers() {
					if _, ok := r.(*ssa.If); ok {
						return true
					}
				}
			}
		}
	}
	return false
}
