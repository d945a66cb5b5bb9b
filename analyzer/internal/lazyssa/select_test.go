package lazyssa

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/internal/cputime"
	"github.com/weaklint/weaklint/internal/ssa"
)

const selectSrc = `package p

import "runtime"

type T struct{ n int }

func register(t *T) { runtime.SetFinalizer(t, finalize) } // a starting point

func finalize(t *T) { log(t.n) } // referred to by register: built

func log(int) {} // called by finalize: built

func New() *T { // calls register: a caller
	t := &T{}
	func() { register(t) }()
	return t
}

func (t *T) Open() { t.reopen() } // calls a method that refers to New

func (t *T) reopen() { f := New; _ = f() } // a function value

func Make[E any](e E) *T { return New() } // generic, calls New

func useMake() { _ = Make(1) } // an instance of Make

var hook = func() *T { return New() } // a package-level initializer

type Opener interface{ Open() }

func viaInterface(o Opener) { o.Open() } // may run (*T).Open (Implementers)

type S struct{ f func() }

func viaField(s S) { s.f() } // may run any function stored in a field (FieldFuncs)

func convert() any { return &T{} } // a *T that may become an Opener (Implementations)

func length(s string) int { return len(s) } // called by nothing chosen

func unrelated(x int) int { // neither reaches nor is reached
	for i := range x {
		x += i
	}
	return x
}

func (t *T) String() string { return "T" } // an unrelated method
`

func checkPass(tb testing.TB, src string) *analysis.Pass {
	tb.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.SkipObjectResolution)
	if err != nil {
		tb.Fatal(err)
	}
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Instances:    map[*ast.Ident]types.Instance{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		FileVersions: map[*ast.File]string{},
	}
	conf := types.Config{Importer: importer.Default(), GoVersion: "go1.26"}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		tb.Fatal(err)
	}
	return &analysis.Pass{Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info}
}

func isSetFinalizer(obj types.Object) bool {
	return obj.Pkg() != nil && obj.Pkg().Path() == "runtime" && obj.Name() == "SetFinalizer"
}

func TestGetForChoosesCallersAndCallees(t *testing.T) {
	pass := checkPass(t, selectSrc)
	r := &Result{pass: pass}
	part := r.GetFor(isSetFinalizer)
	var names []string
	for _, fn := range part.SrcFuncs {
		names = append(names, fn.Name())
	}
	want := []string{"register", "finalize", "log", "New", "New$1", "Open", "reopen", "Make", "useMake", "viaInterface", "viaField", "convert", "init$1"}
	if !slices.Equal(names, want) {
		t.Errorf("GetFor chose %v, want %v", names, want)
	}
	for _, name := range []string{"unrelated", "length"} {
		if fn := part.Pkg.Func(name); fn.Blocks != nil {
			t.Errorf("%s was built", name)
		}
	}

	// Each chosen function is the one Get builds, instruction for
	// instruction, and Get afterwards lists every function.
	full := (&Result{pass: checkPass(t, selectSrc)}).Get()
	byName := make(map[string]*ssa.Function)
	for _, fn := range full.SrcFuncs {
		byName[fn.String()] = fn
	}
	for _, fn := range part.SrcFuncs {
		var got, want bytes.Buffer
		mustWriteFunc(t, &got, fn)
		mustWriteFunc(t, &want, byName[fn.String()])
		if got.String() != want.String() {
			t.Errorf("%s differs from Get's:\n%s\nwant:\n%s", fn, got.String(), want.String())
		}
	}
	// Components, restricted to the chosen functions, are Get's.
	chosen := make(map[string]bool)
	for _, fn := range part.SrcFuncs {
		chosen[fn.String()] = true
	}
	if got, want := componentNames(part.Components(), chosen), componentNames(full.Components(), chosen); !slices.Equal(got, want) {
		t.Errorf("GetFor's components are %v, want %v", got, want)
	}

	all := r.Get()
	if len(all.SrcFuncs) != len(full.SrcFuncs) || all.Pkg != part.Pkg {
		t.Errorf("Get after GetFor lists %d functions of package %p, want %d of %p", len(all.SrcFuncs), all.Pkg, len(full.SrcFuncs), part.Pkg)
	}
}

func TestGetUsingChoosesUsersAndCallees(t *testing.T) {
	r := &Result{pass: checkPass(t, selectSrc)}
	var names []string
	for _, fn := range r.GetUsing(func(obj types.Object) bool { return obj.Name() == "reopen" }).SrcFuncs {
		names = append(names, fn.Name())
	}
	if want := []string{"register", "finalize", "log", "New", "New$1", "Open", "reopen"}; !slices.Equal(names, want) {
		t.Errorf("GetUsing chose %v, want %v", names, want)
	}
}

func TestGetForWithoutStartingPoints(t *testing.T) {
	r := &Result{pass: checkPass(t, selectSrc)}
	if got := r.GetFor(func(types.Object) bool { return false }).SrcFuncs; len(got) != 0 {
		t.Errorf("GetFor with no starting point chose %v", got)
	}
}

// componentNames lists the components' functions that keep reports true,
// a component a line.
func componentNames(sccs []Component, keep map[string]bool) []string {
	var out []string
	for _, c := range sccs {
		var names []string
		for _, fn := range c.Funcs {
			if keep[fn.String()] {
				names = append(names, fn.String())
			}
		}
		if names != nil {
			out = append(out, fmt.Sprint(names, c.Cyclic))
		}
	}
	return out
}

func mustWriteFunc(t *testing.T, buf *bytes.Buffer, fn *ssa.Function) {
	if fn == nil {
		t.Fatal("no such function in Get's SSA")
	}
	if _, err := fn.WriteTo(buf); err != nil {
		t.Fatal(err)
	}
}

// manyFuncsSrc is a package of n functions that have nothing to do with
// cleanups and two that register one, the shape of std's large packages
// (net, os, test packages) as go vet's units see them.
func manyFuncsSrc(n int) string {
	var b strings.Builder
	b.WriteString("package p\n\nimport (\n\t\"runtime\"\n\t\"strings\"\n)\n\ntype File struct{ fd int }\n\n")
	b.WriteString("func NewFile(fd int) *File {\n\tf := &File{fd: fd}\n\truntime.SetFinalizer(f, (*File).Close)\n\treturn f\n}\n\n")
	b.WriteString("func (f *File) Close() error { f.fd = -1; return nil }\n\n")
	for i := range n {
		fmt.Fprintf(&b, "func work%d(xs []string, m map[string]int) (int, error) {\n", i)
		b.WriteString("\tn := 0\n\tfor i, x := range xs {\n\t\tif strings.HasPrefix(x, \"a\") {\n\t\t\tm[x] += i\n\t\t\tcontinue\n\t\t}\n")
		b.WriteString("\t\tswitch v := m[x]; {\n\t\tcase v > 3:\n\t\t\tn += v\n\t\tdefault:\n\t\t\tn--\n\t\t}\n\t}\n")
		b.WriteString("\tdefer func() { n++ }()\n\treturn n, nil\n}\n\n")
	}
	return b.String()
}

// BenchmarkGetForFewOfMany compares building every function of a package
// of 600 functions (Get, what registrars and lifetime asked for before
// GetFor) with building those that may matter to a rule starting from
// runtime.SetFinalizer (GetFor): two of them. The cpu-ns/op metric is the
// process's CPU time, which a busy machine does not inflate as it does
// ns/op.
func BenchmarkGetForFewOfMany(b *testing.B) {
	pass := checkPass(b, manyFuncsSrc(600))
	b.Run("Get", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			if n := len((&Result{pass: pass}).Get().SrcFuncs); n < 600 {
				b.Fatal(n)
			}
		}
	})
	b.Run("GetFor", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			if n := len((&Result{pass: pass}).GetFor(isSetFinalizer).SrcFuncs); n != 2 {
				b.Fatal(n)
			}
		}
	})
}

// reportCPU adds a cpu-ns/op metric: the process's CPU time per operation.
// Use it as defer reportCPU(b)().
func reportCPU(b *testing.B) func() {
	start, ok := cputime.Process()
	return func() {
		end, _ := cputime.Process()
		if ok && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

// BenchmarkComponents orders the 600 functions of manyFuncsSrc into the
// components of their call graph, once built: what registrars and
// referents ask of a package that imports weak. It reads each
// instruction's operands.
func BenchmarkComponents(b *testing.B) {
	pass := checkPass(b, manyFuncsSrc(600))
	prog := (&Result{pass: pass}).Get()
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if n := len(components(prog.SrcFuncs, prog.FieldFuncs(), prog.Implementers)); n < 600 {
			b.Fatal(n)
		}
	}
}
