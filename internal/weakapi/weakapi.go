// Package weakapi recognizes the APIs that every weaklint check reasons about:
// the standard weak and runtime packages, and weaklint's own runtimeweak library.
//
// It is the single table of "what is a weak pointer", "which calls may return a
// reclaimed referent" and "which calls attach a cleanup to an object"; analyzers
// import it instead of matching names themselves.
package weakapi

import (
	"go/ast"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// Import paths of the packages whose APIs are known.
const (
	WeakPath        = "weak"
	RuntimePath     = "runtime"
	RuntimeWeakPath = "github.com/weaklint/weaklint/runtimeweak"
)

// IsWeakPointer reports whether t is an instantiation of weak.Pointer.
func IsWeakPointer(t types.Type) bool {
	_, ok := WeakPointerElem(t)
	return ok
}

// WeakPointerElem returns T for the type weak.Pointer[T].
func WeakPointerElem(t types.Type) (types.Type, bool) {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil, false
	}
	obj := named.Origin().Obj()
	if obj.Pkg() == nil || obj.Pkg().Path() != WeakPath || obj.Name() != "Pointer" {
		return nil, false
	}
	args := named.TypeArgs()
	if args == nil || args.Len() != 1 {
		return nil, false
	}
	return args.At(0), true
}

// A Source is a function or method whose result may be a referent that the
// garbage collector has already reclaimed (a nil pointer).
type Source struct {
	Pkg    string // import path
	Recv   string // receiver type name, or "" for a function
	Name   string // function or method name
	Result int    // index of the maybe-nil pointer result
	OK     int    // index of a bool result that is true only when the pointer is non-nil, or -1
}

// Sources lists the known APIs returning possibly reclaimed referents. All
// are methods (weakderef relies on it to find them among selections).
var Sources = []Source{
	{Pkg: WeakPath, Recv: "Pointer", Name: "Value", Result: 0, OK: -1},
	{Pkg: RuntimeWeakPath, Recv: "ValueMap", Name: "Load", Result: 0, OK: 1},
	{Pkg: RuntimeWeakPath, Recv: "Cache", Name: "Load", Result: 0, OK: 1},
	{Pkg: RuntimeWeakPath, Recv: "Finalizer", Name: "Peek", Result: 0, OK: 2},
	{Pkg: RuntimeWeakPath, Recv: "Ref", Name: "Value", Result: 0, OK: -1},
}

// LookupSource reports whether fn (possibly an instantiation) is a known Source.
func LookupSource(fn *types.Func) (Source, bool) {
	for _, s := range Sources {
		if matches(fn, s.Pkg, s.Recv, s.Name) {
			return s, true
		}
	}
	return Source{}, false
}

// IsWeakValue reports whether fn is weak.Pointer[T].Value for some T.
func IsWeakValue(fn *types.Func) bool { return matches(fn, WeakPath, "Pointer", "Value") }

// IsWeakMake reports whether fn is weak.Make.
func IsWeakMake(fn *types.Func) bool { return matches(fn, WeakPath, "", "Make") }

// RegistrarKind tells how a registrar runs its function.
type RegistrarKind int

const (
	// Cleanup registrars call fn(arg) after the object is unreachable
	// (runtime.AddCleanup and its relatives).
	Cleanup RegistrarKind = iota
	// Finalizer registrars call fn(obj) (runtime.SetFinalizer).
	Finalizer
)

// A Registrar attaches a function to an object, to run once the object is
// unreachable. If the function or its argument reaches the object, it never runs.
type Registrar struct {
	Pkg, Recv, Name string
	Kind            RegistrarKind
	Obj             int // parameter index of the object
	Fn              int // parameter index of the function
	Arg             int // parameter index of the argument passed to Fn, or -1
}

// Registrars lists the known registrars.
var Registrars = []Registrar{
	{Pkg: RuntimePath, Name: "AddCleanup", Kind: Cleanup, Obj: 0, Fn: 1, Arg: 2},
	{Pkg: RuntimePath, Name: "SetFinalizer", Kind: Finalizer, Obj: 0, Fn: 1, Arg: -1},
	{Pkg: RuntimeWeakPath, Name: "NewFinalizer", Kind: Cleanup, Obj: 0, Fn: 1, Arg: 2},
	// MakeRef's callback gets the Ref, which holds obj weakly; the
	// callback itself must not reach obj.
	{Pkg: RuntimeWeakPath, Name: "MakeRef", Kind: Cleanup, Obj: 0, Fn: 1, Arg: -1},
}

// LookupRegistrar reports whether fn (possibly an instantiation) is a known Registrar.
func LookupRegistrar(fn *types.Func) (Registrar, bool) {
	for _, r := range Registrars {
		if matches(fn, r.Pkg, r.Recv, r.Name) {
			return r, true
		}
	}
	return Registrar{}, false
}

// LookupRegistrarCall reports whether call registers a function with a known
// Registrar. A nil function registers nothing: runtimeweak.MakeRef(obj, nil)
// only makes a weak reference.
func LookupRegistrarCall(info *types.Info, call *ast.CallExpr) (Registrar, bool) {
	r, ok := LookupRegistrar(Callee(info, call))
	if !ok || r.Fn >= len(call.Args) {
		return r, ok
	}
	if tv, found := info.Types[call.Args[r.Fn]]; found && tv.IsNil() {
		return Registrar{}, false
	}
	return r, true
}

// matches reports whether fn is the function pkg.name, or the method
// (pkg.recv).name, looking through generic instantiation.
func matches(fn *types.Func, pkg, recv, name string) bool {
	if fn == nil || fn.Name() != name || fn.Pkg() == nil || fn.Pkg().Path() != pkg {
		return false
	}
	fn = fn.Origin()
	sig := fn.Signature()
	if sig.Recv() == nil {
		return recv == ""
	}
	return recv != "" && RecvTypeName(sig.Recv().Type()) == recv
}

// RecvTypeName returns the name of a method receiver's named type ("" if none).
func RecvTypeName(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Origin().Obj().Name()
	}
	return ""
}

// Callee returns the function or method statically called by call, or nil.
// Method values (f := p.Value; f()) and interface calls return nil.
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// SSACallee returns the declared function (the generic origin for
// instantiations) that an SSA call invokes statically, including bound method
// closures (f := p.Value; f()), or nil.
func SSACallee(call *ssa.CallCommon) *types.Func {
	if call.IsInvoke() {
		return nil
	}
	var fn *ssa.Function
	switch v := call.Value.(type) {
	case *ssa.Function:
		fn = v
	case *ssa.MakeClosure:
		fn, _ = v.Fn.(*ssa.Function)
		if fn == nil || fn.Synthetic == "" { // a real closure, not a bound method
			return nil
		}
	default:
		return nil
	}
	obj, _ := fn.Object().(*types.Func)
	if obj == nil {
		return nil
	}
	return obj.Origin()
}

// ImportsAny reports whether pkg directly imports one of the given paths.
func ImportsAny(pkg *types.Package, paths ...string) bool {
	for _, imp := range pkg.Imports() {
		for _, p := range paths {
			if imp.Path() == p {
				return true
			}
		}
	}
	return false
}

// A Referent is a call that holds one of its arguments only weakly, or
// attaches a cleanup to it: the object whose collection the program waits
// for. What the collector cannot free on its own (a zero-size, tiny or
// package-level object) is wrong as any of them.
type Referent struct {
	Pkg, Recv, Name string
	Param           int  // parameter index of the referent (a method's receiver not counted)
	Weak            bool // the call keeps a weak pointer (weak.Make, runtimeweak's maps), rather than attaching a cleanup
	Keeps           bool // the callee also holds the argument strongly for a while (runtimeweak.Cache's recent set)
}

// Referents lists the calls that hold their argument weakly. The registrars'
// objects (Registrars) are referents too: LookupReferent answers for both.
var Referents = []Referent{
	{Pkg: WeakPath, Name: "Make", Param: 0, Weak: true},
	{Pkg: RuntimeWeakPath, Recv: "ValueMap", Name: "Store", Param: 1, Weak: true},
	{Pkg: RuntimeWeakPath, Recv: "KeyMap", Name: "Store", Param: 0, Weak: true},
	{Pkg: RuntimeWeakPath, Recv: "Set", Name: "Add", Param: 0, Weak: true},
	{Pkg: RuntimeWeakPath, Recv: "Cache", Name: "Store", Param: 1, Weak: true, Keeps: true},
}

// LookupReferent reports whether fn (possibly an instantiation) holds one of
// its arguments weakly or attaches a cleanup to it, and which.
func LookupReferent(fn *types.Func) (Referent, bool) {
	for _, r := range Referents {
		if matches(fn, r.Pkg, r.Recv, r.Name) {
			return r, true
		}
	}
	if r, ok := LookupRegistrar(fn); ok {
		return Referent{Pkg: r.Pkg, Recv: r.Recv, Name: r.Name, Param: r.Obj}, true
	}
	return Referent{}, false
}

// IsCanceller reports whether fn cancels a registration made on an object:
// runtime.Cleanup.Stop or runtimeweak.Finalizer.Detach. Neither can stop a
// cleanup that has already been queued because its object became
// unreachable.
func IsCanceller(fn *types.Func) bool {
	return matches(fn, RuntimePath, "Cleanup", "Stop") || matches(fn, RuntimeWeakPath, "Finalizer", "Detach")
}

// IsSettler reports whether fn ends a registration for good, so that a
// canceller called on it afterwards has nothing left to stop: a canceller,
// or runtimeweak.Finalizer.Call, which runs the finalizer at once.
func IsSettler(fn *types.Func) bool {
	return IsCanceller(fn) || matches(fn, RuntimeWeakPath, "Finalizer", "Call")
}
