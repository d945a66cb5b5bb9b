// Package lazyssa provides the SSA form of a package to weaklint's analyzers,
// built only when an analyzer asks for it.
//
// buildssa builds SSA for every package it is run on, and an analyzer that
// exports facts is run on every dependency too. Most packages cannot contain
// weak-pointer or cleanup code, so weaklint's analyzers first look at imports
// and facts and only then call Get: a package nobody asks about costs nothing.
// The SSA is built at most once per package, however many analyzers ask.
//
// An analyzer whose rules start from a few objects (a cleanup API, the
// functions carrying its facts) asks for the functions that can reach
// them and those they reach (GetFor), and for those that use what it
// learns there (GetUsing): only those are built, which in a large package
// is a small part of all of them. Get builds the rest.
//
// Unlike buildssa, it does not require ctrlflow (whose facts would make every
// package export facts); functions that never return are known from a short
// table of the standard ones (os.Exit, log.Fatal, testing's FailNow, ...).
package lazyssa

import (
	"go/ast"
	"go/types"
	"reflect"
	"sync"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// Analyzer returns a *Result whose Get builds the package's SSA on first use.
var Analyzer = &analysis.Analyzer{
	Name:       "weaklintssa",
	Doc:        "build SSA-form IR on demand for weaklint's analyzers",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
}

// SSA is the SSA form of one package, as in buildssa.
type SSA struct {
	Pkg      *ssa.Package
	SrcFuncs []*ssa.Function // every function declared in the package, closures included, in source order

	sccOnce sync.Once
	sccs    []Component

	fieldOnce  sync.Once
	fieldFuncs map[*types.Var][]*ssa.Function

	files    []*ast.File
	info     *types.Info
	implOnce sync.Once
	impls    *typeutil.Map // interface type -> []types.Type (Implementations)
}

// Result builds SSA for the pass's package on the first call of Get.
type Result struct {
	once  sync.Once
	pass  *analysis.Pass
	value *SSA

	// GetFor's and GetUsing's state (select.go).
	refsOnce sync.Once
	refs     *references
	buildMu  sync.Mutex   // serializes the builds of GetFor, GetUsing and Get
	pkg      *ssa.Package // the package they build (some of), nil until the first call of one
}

func run(pass *analysis.Pass) (any, error) {
	return &Result{pass: pass}, nil
}

// Get returns the package's SSA, building it on the first call. It is safe
// for concurrent use by several analyzers.
func (r *Result) Get() *SSA {
	r.once.Do(func() {
		r.buildMu.Lock()
		defer r.buildMu.Unlock()
		if r.pkg == nil {
			r.pkg = createPackage(r.pass)
		}
		r.pkg.Build() // functions GetFor built are not built again
		r.value = build(r.pass, r.pkg)
	})
	return r.value
}

// createPackage creates the SSA package of the pass's package (unbuilt)
// and its imports' (lazily, from their types).
func createPackage(pass *analysis.Pass) *ssa.Package {
	prog := ssa.NewProgram(pass.Fset, 0)
	prog.SetNoReturn(IsNoReturn)
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	return prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
}

// build returns the SSA of pkg, built in full.
func build(pass *analysis.Pass, pkg *ssa.Package) *SSA {
	prog := pkg.Prog

	var funcs []*ssa.Function
	var addWithAnons func(f *ssa.Function)
	addWithAnons = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			addWithAnons(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			if decl, ok := decl.(*ast.FuncDecl); ok {
				obj, _ := pass.TypesInfo.Defs[decl.Name].(*types.Func)
				if f := prog.FuncValue(obj); f != nil {
					addWithAnons(f)
				}
			}
		}
	}
	// Package-level variable initializers may hold closures too.
	if init := pkg.Func("init"); init != nil {
		for _, anon := range init.AnonFuncs {
			addWithAnons(anon)
		}
	}
	return &SSA{Pkg: pkg, SrcFuncs: funcs, files: pass.Files, info: pass.TypesInfo}
}

// noReturn lists standard functions and methods that never return normally,
// by package path, then receiver type name ("" for functions), then name.
// Built on first use: most weaklint processes are go vet units that never
// analyze a package.
var noReturn = sync.OnceValue(func() map[string]map[string][]string {
	return map[string]map[string][]string{
		"os":      {"": {"Exit"}},
		"syscall": {"": {"Exit"}},
		"runtime": {"": {"Goexit"}},
		"log": {
			"":       {"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"},
			"Logger": {"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"},
		},
		"testing": {
			"common": {"FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf"},
			"T":      {"FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf"},
			"B":      {"FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf"},
			"F":      {"FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf"},
			"TB":     {"FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf"},
		},
	}
})

// IsNoReturn reports whether fn is one of the standard functions or methods
// that never return normally, including testing.TB's methods called through
// the interface (which the SSA builder cannot see through).
func IsNoReturn(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	byRecv, ok := noReturn()[fn.Pkg().Path()]
	if !ok {
		return false
	}
	recv := ""
	if r := fn.Signature().Recv(); r != nil {
		recv = weakapi.RecvTypeName(r.Type())
	}
	for _, name := range byRecv[recv] {
		if name == fn.Name() {
			return true
		}
	}
	return false
}
