package nilsafe_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/weaklint/weaklint/internal/nilsafe"
)

// paramsSrc declares functions whose doc comment "derefs: ..." gives what
// Derefs must say of them (argument indexes, a method's receiver is 0), or
// "derefs: none" if it must leave them out (what is assumed), "derefs: -"
// if it must list them without parameters (a nil-safe method).
const paramsSrc = `package geom

import (
	"fmt"
	"other"
)

type Vec3 struct{ X, Y, Z float64 }

type Meta struct {
	Mode string
	Size int
	ch   chan int
	out  chan int
}

type Style struct{ Font string }

type Inner struct{ Depth int }

type Outer struct {
	*Inner
	Name string
	Arr  [4]int
	fn   func()
}

type Recorder struct{ vals []int }

type Histogram struct{ sum float64 }

type Session struct{ Scopes []string }

type Alias = Vec3

type I interface{ M() }

// derefs: 0 1
func Distance(a, b *Vec3) float64 { dx := a.X - b.X; dy := a.Y - b.Y; return dx*dx + dy*dy }

// derefs: 0
func Describe(m *Meta) string { return fmt.Sprintf("%s %d", m.Mode, m.Size) }

// derefs: 0 1
func Merge(base, over *Style) Style {
	out := *base
	if over.Font != "" {
		out.Font = over.Font
	}
	return out
}

// derefs: none
func (r *Recorder) Snapshot() []int { return append([]int(nil), r.vals...) }

// derefs: 0
func Total(r *Recorder) int {
	n := 0
	for _, v := range r.Snapshot() {
		n += v
	}
	return n
}

// derefs: 0
func HasScope(s *Session, scope string) bool {
	for _, x := range s.Scopes {
		if x == scope {
			return true
		}
	}
	return false
}

// derefs: none
func (h *Histogram) Observe(v float64) { h.sum += v }

// derefs: 0
func ObserveMillis(h *Histogram, ms int64) { h.Observe(float64(ms)) }

// derefs: 1
func Promoted(x int, o *Outer) int { return o.Depth + x }

// derefs: 0
func Embedded(o *Outer) *Inner { return o.Inner }

// derefs: 0
func FuncField(o *Outer) { o.fn() }

// derefs: 0
func Star(v *Vec3) Vec3 { return *v }

// derefs: 0
func Store(v *Vec3) { v.X = 1 }

// derefs: 0
func Addr(v *Vec3) *float64 { return &v.X }

// derefs: 0
func Calls(v *Vec3) float64 { return length(v) }

func length(v *Vec3) float64 { return v.X }

// derefs: 0
func Chain(v *Vec3) float64 { return Calls(v) + 1 }

// derefs: none
func (v Vec3) Len() float64 { return v.X }

// derefs: 0
func ValueMethod(v *Vec3) float64 { return v.Len() }

// derefs: 0
func AfterPanicBranch(v *Vec3, ok bool) float64 {
	if !ok {
		panic("no")
	}
	return v.X
}

// derefs: 0
func AfterLoop(v *Vec3, xs []int) float64 {
	for _, x := range xs {
		if x < 0 {
			break
		}
	}
	return v.X
}

// derefs: 0
func InCondition(v *Vec3) int {
	if v.X > 0 {
		return 1
	}
	return 0
}

// derefs: 0
func InArgs(v *Vec3) { defer fmt.Println(v.X) }

// derefs: 0
func Block(v *Vec3) { { _ = v.Y } }

// derefs: 0 2
func (r *Recorder) Pointer(x int, v *Vec3) { _ = v.X }

// derefs: 1
func (v Vec3) Value(w *Vec3) float64 { return w.X }

// derefs: 0
func Drain(m *Meta) int {
	n := 0
	for {
		select {
		case <-m.ch:
			n++
		default:
			return n
		}
	}
}

// derefs: 0
func Send(m *Meta, v int) {
	select {
	case m.out <- v:
	case <-make(chan int):
	}
}

// derefs: none
func SelectBody(m *Meta, c chan int) int {
	select {
	case <-c:
		return m.Size
	default:
	}
	return 0
}

// derefs: none
func EmptySelect(m *Meta) int {
	select {}
	return m.Size
}

// derefs: none
func LoopBreakFirst(m *Meta, c chan int) int {
	for {
		if len(c) > 0 {
			return 0
		}
		break
	}
	return m.Size
}

// derefs: none
func LoopBreakLater(m *Meta, ok bool) int {
	for {
		if ok {
			break
		}
		_ = m.Size
	}
	return 0
}

// derefs: 0
func LoopContinue(m *Meta, c chan bool) int {
	for {
		if <-c {
			continue
		}
		return m.Size
	}
}

// derefs: none
func Branch(v *Vec3, ok bool) float64 {
	if ok {
		return v.X
	}
	return 0
}

// derefs: none
func NilCheck(v *Vec3) float64 {
	if v == nil {
		return 0
	}
	return v.X
}

// derefs: none
func Closure(v *Vec3) func() float64 { return func() float64 { return v.X } }

// derefs: none
func Reassigned(v *Vec3) float64 {
	v = new(Vec3)
	return v.X
}

// derefs: none
func ReassignedLater(v *Vec3) float64 {
	x := v.X
	v = nil
	return x
}

// derefs: none
func AddressTaken(v *Vec3) float64 {
	reset(&v)
	return v.X
}

func reset(v **Vec3) {}

// derefs: none
func RightOfAnd(v *Vec3) bool { return v != nil && v.X > 0 }

// derefs: none
func RightOfOr(v *Vec3) bool { return v == nil || v.X > 0 }

// derefs: none
func OtherPackage(v *other.T) int { return v.N }

// derefs: none
func OtherMethod(v *other.T) { v.Close() }

// derefs: none
func Interface(i I) { i.M() }

// derefs: none
func AliasType(v *Alias) float64 { return v.X }

// derefs: none
func Goto(v *Vec3) float64 {
	goto end
end:
	return v.X
}

// derefs: none
func ArrayLen(o *Outer) int { return len(o.Arr) }

// derefs: none
func RangeArray(o *Outer) int {
	n := 0
	for i := range o.Arr {
		n += i
	}
	return n
}

// derefs: none
func Shadowed(v *Vec3) float64 {
	length := func(*Vec3) float64 { return 0 }
	return length(v)
}

// derefs: none
func Deferred(v *Vec3) { defer v.Print() }

// derefs: -
func (v *Vec3) Print() {
	if v == nil {
		return
	}
	fmt.Println(v.X)
}

// derefs: none
func NilSafeCall(v *Vec3) { v.Print() }

// derefs: none
func MethodValue(h *Histogram) func(float64) { return h.Observe }

// derefs: none
func AfterSelect(v *Vec3, c chan int) float64 {
	select {
	case <-c:
		return 0
	default:
	}
	return v.X
}

// derefs: none
func AfterReturnInLoop(v *Vec3, xs []int) float64 {
	for _, x := range xs {
		if x < 0 {
			return 0
		}
	}
	return v.X
}

// derefs: none
func Recursive(v *Vec3, n int) float64 { return Recursive(v, n-1) }

// derefs: none
func Variadic(vs ...*Vec3) float64 { return vs[0].X }

// derefs: none
func Blank(_ *Vec3) {}

// derefs: none
func unexported(v *Vec3) float64 { return v.X }

// derefs: none
func (h *Histogram) Count() int { return int(h.sum) }
`

func TestDerefs(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "geom.go", paramsSrc, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	got := make(map[*ast.FuncDecl][]int)
	nilResults := make(map[*ast.FuncDecl]bool)
	for _, d := range nilsafe.Derefs([]*ast.File{f}) {
		got[d.Decl] = d.Params
		nilResults[d.Decl] = len(d.NilResults) > 0
	}
	checked := 0
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Doc == nil {
			continue
		}
		want, ok := strings.CutPrefix(strings.TrimSpace(fd.Doc.Text()), "derefs: ")
		if !ok {
			continue
		}
		checked++
		params, listed := got[fd]
		switch {
		case want == "-" && (!listed || len(params) > 0):
			t.Errorf("%s: Derefs lists %v (listed: %v), want no parameter", fd.Name.Name, params, listed)
		case want == "-":
		case want == "none" && listed && (params != nil || !nilResults[fd]):
			// (A function listed for its nil results alone, NilCheck's
			// "" for nil, has nothing dereferenced: what is assumed.)
			t.Errorf("%s: Derefs lists %v, want nothing (what is assumed)", fd.Name.Name, params)
		case want != "none" && fmt.Sprint(params) != "["+want+"]":
			t.Errorf("%s: Derefs lists %v (listed: %v), want [%s]", fd.Name.Name, params, listed, want)
		}
	}
	if checked < 50 {
		t.Errorf("checked %d functions: the doc comments were not read", checked)
	}
}

// TestParamRuleApplies: the standard library's packages and their test
// variants are judged by path alone, everything else gets the rule.
func TestParamRuleApplies(t *testing.T) {
	for path, want := range map[string]bool{
		"strings":                      false,
		"net/http":                     false,
		"strings [strings.test]":       false,
		"internal/poll":                false,
		"vendor/golang.org/x/net/idna": false,
		"github.com/x/geom":            true,
		"example.com/net":              true,
		"weakderef/derefparams/geom":   true,
		"adv3/a_ecs/geom":              true,
		"stringsx":                     true,
	} {
		if got := nilsafe.ParamRuleApplies(path); got != want {
			t.Errorf("ParamRuleApplies(%q) = %v, want %v", path, got, want)
		}
	}
}
