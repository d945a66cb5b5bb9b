package cleanupref

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// A registrarFact describes a function that attaches a cleanup or finalizer
// to one of its arguments: a known registrar (runtime.AddCleanup, ...) or a
// wrapper that forwards its parameters to one. Argument indexes count a
// method's receiver as argument 0.
//
// It is exported as a fact only for wrappers, and only when both the object
// and something the cleanup keeps come from the wrapper's parameters: only
// then can a caller misuse it.
type registrarFact struct {
	Registrar string                // the registrar it ends in, e.g. "runtime.AddCleanup"
	Kind      weakapi.RegistrarKind // cleanup (fn(arg)) or finalizer (fn(obj))
	Obj       int                   // the argument the cleanup is attached to
	Fn        []int                 // arguments that the cleanup function is or captures
	Arg       []int                 // arguments that the cleanup argument is or holds
	Panics    int                   // argument passed unchanged as an argument that must not be the object (or the registrar panics), or -1
}

func (*registrarFact) AFact() {}

func (f *registrarFact) String() string {
	return fmt.Sprintf("registrar(%s obj=%d fn=%v arg=%v)", f.Registrar, f.Obj, f.Fn, f.Arg)
}

// A site is a call of a registrar or wrapper.
type site struct {
	fn     *ssa.Function // the function containing the call
	call   ssa.CallInstruction
	callee *types.Func    // the function called (generic origin)
	args   []ssa.Value    // the call's arguments, receiver first
	reg    *registrarFact // how callee registers a cleanup; nil until known
}

// registrars finds the registrar calls of a package and the package's own
// wrappers.
type registrars struct {
	pass     *analysis.Pass
	q        *reach.Query
	wrappers map[*types.Func]*registrarFact // this package's wrappers
}

func newRegistrars(pass *analysis.Pass, q *reach.Query) *registrars {
	return &registrars{pass: pass, q: q, wrappers: make(map[*types.Func]*registrarFact)}
}

// lookup returns how a call of fn registers a cleanup, or nil.
func (r *registrars) lookup(fn *types.Func) *registrarFact {
	if reg, ok := weakapi.LookupRegistrar(fn); ok {
		shift := 0
		if fn.Signature().Recv() != nil {
			shift = 1 // weakapi counts parameters, calls count the receiver too
		}
		name := reg.Pkg[strings.LastIndex(reg.Pkg, "/")+1:] + "." + reg.Name
		f := &registrarFact{Registrar: name, Kind: reg.Kind, Obj: reg.Obj + shift, Fn: []int{reg.Fn + shift}, Panics: -1}
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
		f := new(registrarFact)
		if r.pass.ImportObjectFact(fn, f) {
			return f
		}
	}
	return nil
}

// findWrappers returns every call of a registrar or wrapper in funcs, after
// finding which of the package's functions are wrappers. Wrappers may call
// each other in any order, so the search repeats until nothing changes.
func (r *registrars) findWrappers(funcs []*ssa.Function) []*site {
	var calls []*site
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if callee, args := staticCall(call.Common()); callee != nil {
					calls = append(calls, &site{fn: fn, call: call, callee: callee, args: args})
				}
			}
		}
	}
	for range len(funcs) + 1 { // each round that changes something adds to a fact
		changed := false
		for _, s := range calls {
			s.reg = r.lookup(s.callee)
			if s.reg != nil && r.learn(s) {
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	return slices.DeleteFunc(calls, func(s *site) bool { return s.reg == nil })
}

// learn records what site s tells about its enclosing function as a
// wrapper: which of its parameters become the object, and which ones the
// cleanup keeps. It reports whether the function's fact grew.
func (r *registrars) learn(s *site) bool {
	decl, _ := s.fn.Object().(*types.Func)
	if decl == nil || s.fn.Parent() != nil || s.fn.Synthetic != "" || s.reg.Obj >= len(s.args) {
		return false
	}
	params := s.fn.Params
	objParam := -1
	for i, p := range params {
		if r.q.Object(p).Same(s.args[s.reg.Obj]) {
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
	if ptr, ok := params[objParam].Type().Underlying().(*types.Pointer); ok {
		elem = ptr.Elem()
	}
	keptBy := func(indexes []int) []int {
		var kept []int
		for i, p := range params {
			if i == objParam || (elem != nil && !reach.MayReach(p.Type(), elem)) {
				continue
			}
			param := r.q.Object(p)
			for _, j := range indexes {
				if j < len(s.args) && param.Reach(s.args[j]) != nil {
					kept = append(kept, i)
					break
				}
			}
		}
		return kept
	}
	fn, arg := keptBy(s.reg.Fn), keptBy(s.reg.Arg)
	if len(fn)+len(arg) == 0 {
		return false
	}
	panics := -1
	if s.reg.Panics >= 0 && s.reg.Panics < len(s.args) {
		for i, p := range params {
			if i != objParam && r.q.Object(p).Same(s.args[s.reg.Panics]) {
				panics = i
			}
		}
	}
	decl = decl.Origin()
	old := r.wrappers[decl]
	if old == nil {
		r.wrappers[decl] = &registrarFact{Registrar: s.reg.Registrar, Kind: s.reg.Kind, Obj: objParam, Fn: fn, Arg: arg, Panics: panics}
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

// panicsOnSelfArg reports whether reg panics when its argument is its
// object: runtime.AddCleanup does (for pointer arguments), and
// runtimeweak.NewFinalizer documents that it does the same.
func panicsOnSelfArg(reg weakapi.Registrar) bool {
	return reg.Name == "AddCleanup" && reg.Pkg == weakapi.RuntimePath ||
		reg.Name == "NewFinalizer" && reg.Pkg == weakapi.RuntimeWeakPath
}

// exportFacts exports the package's wrappers, for the packages importing it.
func (r *registrars) exportFacts() {
	for fn, f := range r.wrappers {
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
