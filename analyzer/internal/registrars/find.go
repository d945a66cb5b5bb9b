package registrars

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/factscope"
	"github.com/weaklint/weaklint/analyzer/internal/lazyssa"
	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// A Fact describes a function that attaches a cleanup or finalizer
// to one of its arguments: a known registrar (runtime.AddCleanup, ...) or a
// wrapper that forwards its parameters to one. Argument indexes count a
// method's receiver as argument 0.
//
// It is exported as a fact only for wrappers, and only when both the object
// and something the cleanup keeps come from the wrapper's parameters: only
// then can a caller misuse it.
type Fact struct {
	Registrar string                // the registrar it ends in, e.g. "runtime.AddCleanup"
	Kind      weakapi.RegistrarKind // cleanup (fn(arg)) or finalizer (fn(obj))
	Obj       int                   // the argument the cleanup is attached to
	Fn        []int                 // arguments that the cleanup function is or captures
	Arg       []int                 // arguments that the cleanup argument is or holds
	Panics    int                   // argument passed unchanged as an argument that must not be the object (or the registrar panics), or -1
}

func (*Fact) AFact() {}

func (f *Fact) String() string {
	return fmt.Sprintf("registrar(%s obj=%d fn=%v arg=%v)", f.Registrar, f.Obj, f.Fn, f.Arg)
}

// A Site is a call of a registrar or wrapper.
type Site struct {
	Fn     *ssa.Function // the function containing the call
	Call   ssa.CallInstruction
	Callee *types.Func // the function called (generic origin)
	Args   []ssa.Value // the call's arguments, receiver first
	Reg    *Fact       // how Callee registers a cleanup
}

// registrars finds the registrar calls of a package and the package's own
// wrappers.
type registrars struct {
	pass     *analysis.Pass
	q        *reach.Query
	wrappers map[*types.Func]*Fact // this package's wrappers
	imports  map[*types.Func]*Fact // other packages' wrappers (read once: Lookup runs after the pass too)
	makers   map[*ssa.Function]*ssa.MakeClosure
}

func newRegistrars(pass *analysis.Pass, q *reach.Query, imports map[*types.Func]*Fact) *registrars {
	return &registrars{pass: pass, q: q, wrappers: make(map[*types.Func]*Fact), imports: imports, makers: make(map[*ssa.Function]*ssa.MakeClosure)}
}

// lookup returns how a call of fn registers a cleanup, or nil.
func (r *registrars) Lookup(fn *types.Func) *Fact {
	if reg, ok := weakapi.LookupRegistrar(fn); ok {
		shift := 0
		if fn.Signature().Recv() != nil {
			shift = 1 // weakapi counts parameters, calls count the receiver too
		}
		name := reg.Pkg[strings.LastIndex(reg.Pkg, "/")+1:] + "." + reg.Name
		f := &Fact{Registrar: name, Kind: reg.Kind, Obj: reg.Obj + shift, Fn: []int{reg.Fn + shift}, Panics: -1}
		if reg.Arg >= 0 {
			f.Arg = []int{reg.Arg + shift}
			if panicsOnSelfArg(reg) {
				f.Panics = reg.Arg + shift
			}
		}
		return f
	}
	if f, ok := r.wrappers[fn]; ok {
		return f
	}
	if fn.Pkg() != nil && fn.Pkg() != r.pass.Pkg {
		return r.imports[fn.Origin()]
	}
	return nil
}

// findWrappers returns every call of a registrar or wrapper in the
// package, after finding which of the package's functions are wrappers:
// callee-first over the components of the call graph, iterating inside a
// component that calls itself until nothing changes (no round limit: each
// change adds to a fact, and facts are bounded by the parameters).
func (r *registrars) findWrappers(sccs []lazyssa.Component) []*Site {
	var all []*Site
	for _, scc := range sccs {
		var calls []*Site
		for _, fn := range scc.Funcs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					call, ok := instr.(ssa.CallInstruction)
					if !ok {
						continue
					}
					if callee, args := staticCall(call.Common()); callee != nil {
						calls = append(calls, &Site{Fn: fn, Call: call, Callee: callee, Args: args})
					}
				}
			}
		}
		for {
			changed := false
			for _, s := range calls {
				s.Reg = r.Lookup(s.Callee)
				if s.Reg != nil && r.learn(s) {
					changed = true
				}
			}
			if !changed || !scc.Cyclic {
				break
			}
		}
		for _, s := range calls {
			if s.Reg != nil {
				all = append(all, s)
			}
		}
	}
	return all
}

// learn records what site s tells about the function declaring it as a
// wrapper: which of its parameters become the object, and which ones the
// cleanup keeps. A site in a closure counts for the function that makes the
// closure (once.Do(func() { runtime.AddCleanup(p, ...) }), sync.OnceFunc,
// a helper that runs its argument): its free variables that stand for the
// function's parameters are the parameters there. It reports whether the
// function's fact grew.
func (r *registrars) learn(s *Site) bool {
	declFn := s.Fn
	for declFn.Parent() != nil {
		declFn = declFn.Parent()
	}
	decl, _ := declFn.Object().(*types.Func)
	if decl == nil || declFn.Synthetic != "" || s.Reg.Obj >= len(s.Args) {
		return false
	}
	// params[i] is what stands for the declared function's parameter i
	// in the function of the site (nil if it is not captured there).
	params := r.paramsIn(s.Fn, declFn)
	decl = decl.Origin()
	objParam := -1
	for i, p := range params {
		if p != nil && r.q.Object(p).Same(s.Args[s.Reg.Obj]) {
			objParam = i
			break
		}
	}
	if objParam < 0 {
		return false
	}
	// A parameter that cannot hold a pointer to the object (an int fd)
	// is harmless whatever the caller passes.
	var elem types.Type
	if ptr, ok := declFn.Params[objParam].Type().Underlying().(*types.Pointer); ok {
		elem = ptr.Elem()
	}
	keptBy := func(indexes []int) []int {
		var kept []int
		for i, p := range params {
			if p == nil || i == objParam || (elem != nil && !reach.MayReach(p.Type(), elem)) {
				continue
			}
			param := r.q.Object(p)
			for _, j := range indexes {
				if j < len(s.Args) && param.Reach(s.Args[j]) != nil {
					kept = append(kept, i)
					break
				}
			}
		}
		return kept
	}
	fn, arg := keptBy(s.Reg.Fn), keptBy(s.Reg.Arg)
	if len(fn)+len(arg) == 0 {
		return false
	}
	panics := -1
	if s.Reg.Panics >= 0 && s.Reg.Panics < len(s.Args) {
		for i, p := range params {
			if p != nil && i != objParam && r.q.Object(p).Same(s.Args[s.Reg.Panics]) {
				panics = i
			}
		}
	}
	old := r.wrappers[decl]
	if old == nil {
		r.wrappers[decl] = &Fact{Registrar: s.Reg.Registrar, Kind: s.Reg.Kind, Obj: objParam, Fn: fn, Arg: arg, Panics: panics}
		return true
	}
	if old.Obj != objParam {
		return false // a second object: keep the first description
	}
	grown := false
	for _, i := range fn {
		if !slices.Contains(old.Fn, i) {
			old.Fn, grown = append(old.Fn, i), true
		}
	}
	for _, i := range arg {
		if !slices.Contains(old.Arg, i) {
			old.Arg, grown = append(old.Arg, i), true
		}
	}
	if old.Panics < 0 && panics >= 0 {
		old.Panics, grown = panics, true
	}
	return grown
}

// paramsIn returns, for each parameter of decl, the value that stands for
// it in fn (decl itself, or a closure nested in it): the parameter, the
// free variable bound to it, or a load of the free variable bound to the
// variable that holds it (a parameter captured by reference); or nil.
func (r *registrars) paramsIn(fn, decl *ssa.Function) []ssa.Value {
	reps := r.repsIn(fn, decl)
	params := make([]ssa.Value, len(reps))
	for i, rep := range reps {
		params[i] = rep.val
	}
	return params
}

// A paramRep is how a parameter of the declared function appears in one of
// its closures: as a value, and as the variable (cell) that holds it.
type paramRep struct{ val, cell ssa.Value }

func (r *registrars) repsIn(fn, decl *ssa.Function) []paramRep {
	if fn == decl {
		reps := make([]paramRep, len(decl.Params))
		for i, p := range decl.Params {
			reps[i].val = p
			for _, ref := range *p.Referrers() {
				if st, ok := ref.(*ssa.Store); ok && st.Val == ssa.Value(p) {
					if alloc, ok := st.Addr.(*ssa.Alloc); ok && storedOnce(alloc) == ssa.Value(p) {
						reps[i].cell = alloc
					}
				}
			}
		}
		return reps
	}
	outer := r.repsIn(fn.Parent(), decl)
	reps := make([]paramRep, len(outer))
	mc := r.makerOf(fn)
	if mc == nil {
		return reps
	}
	for i, b := range mc.Bindings {
		if i >= len(fn.FreeVars) {
			break
		}
		fv := fn.FreeVars[i]
		for k, o := range outer {
			switch {
			case o.val != nil && b == o.val:
				reps[k].val = fv
			case o.cell != nil && b == o.cell:
				reps[k].cell = fv
				reps[k].val = loadOf(fv)
			}
		}
	}
	return reps
}

// loadOf returns a load of the variable v in the function that uses it
// (all loads of one variable have the same access path), or nil.
func loadOf(v ssa.Value) ssa.Value {
	for _, ref := range *v.Referrers() {
		if load, ok := ref.(*ssa.UnOp); ok && load.Op.String() == "*" {
			return load
		}
	}
	return nil
}

// makerOf returns the instruction that makes closure fn, or nil.
func (r *registrars) makerOf(fn *ssa.Function) *ssa.MakeClosure {
	if mc, ok := r.makers[fn]; ok {
		return mc
	}
	var found *ssa.MakeClosure
	for _, b := range fn.Parent().Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == ssa.Value(fn) {
				found = mc
			}
		}
	}
	r.makers[fn] = found
	return found
}

// storedOnce returns the value held by a captured variable stored exactly
// once (a parameter the closure captures by reference), else v itself.
func storedOnce(v ssa.Value) ssa.Value {
	alloc, ok := v.(*ssa.Alloc)
	if !ok {
		return v
	}
	var stored ssa.Value
	n := 0
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == ssa.Value(alloc) {
			stored = st.Val
			n++
		}
	}
	if n != 1 {
		return v
	}
	return stored
}

// panicsOnSelfArg reports whether reg panics when its argument is its
// object: runtime.AddCleanup does (for pointer arguments), and
// runtimeweak.NewFinalizer documents that it does the same.
func panicsOnSelfArg(reg weakapi.Registrar) bool {
	return reg.Name == "AddCleanup" && reg.Pkg == weakapi.RuntimePath ||
		reg.Name == "NewFinalizer" && reg.Pkg == weakapi.RuntimeWeakPath
}

// exportFacts exports the package's wrappers, for the packages importing
// it; none for the standard library's internal packages (factscope).
func (r *registrars) exportFacts() {
	if factscope.StdPrivate(r.pass) {
		return
	}
	for fn, f := range r.wrappers {
		if fn.Pkg() != r.pass.Pkg {
			continue // the framework refuses facts on another package's objects
		}
		slices.Sort(f.Fn)
		slices.Sort(f.Arg)
		r.pass.ExportObjectFact(fn, f)
	}
}

// staticCall returns the function a call statically invokes and its
// arguments, receiver first (including the receiver bound by a method value).
func staticCall(call *ssa.CallCommon) (*types.Func, []ssa.Value) {
	callee := weakapi.SSACallee(call)
	if callee == nil {
		return nil, nil
	}
	args := call.Args
	if mc, ok := call.Value.(*ssa.MakeClosure); ok {
		args = append(slices.Clone(mc.Bindings), args...)
	}
	return callee, args
}
