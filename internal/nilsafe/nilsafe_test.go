package nilsafe_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/weaklint/weaklint/internal/nilsafe"
)

// src declares, for each method, whether the rule lists it: a method named
// Safe* must be listed, every other one must not.
const src = `package p

import "log"

type T struct {
	Name string
	next *T
}

type G[K comparable, V any] struct{ m map[K]V }

func (m *T) SafeGetName() string {
	if m == nil {
		return ""
	}
	return m.Name
}

func (m *T) SafeGetNext() *T {
	if m != nil {
		return m.next
	}
	return nil
}

func (m *T) SafeClose() {
	if m != nil {
		m.Name = ""
	}
}

func (m *T) SafeOr(s string) bool {
	if m == nil || m.Name == s {
		log.Print("nil")
		return false
	}
	return true
}

func (m *T) SafeAnd(s string) (ok bool) {
	if m != nil && m.Name == s {
		ok = true
	}
	return
}

func (m *T) SafeElse() int {
	if m == nil {
		return 0
	} else {
		m.Name = "x"
	}
	return len(m.Name)
}

func (g *G[K, V]) SafeLen() int {
	if g == nil {
		return 0
	}
	return len(g.m)
}

func (g *G[K, V]) SafeGet(k K) (v V) {
	if g != nil {
		v = g.m[k]
	}
	return v
}

// Falls through to the dereference.
func (m *T) SafeValid() bool { return m != nil && m.Name != "" }

func (m *T) SafeIsZero() bool {
	return m == nil || m.Name == ""
}

func (m *T) SafeNotNil() bool { return m != nil }

func (m *T) ValidFlipped() bool { return m.Name != "" && m != nil }

func (m *T) ValidMixed() bool { return m != nil || m.Name == "" }

func (m *T) ValidTwoResults() (bool, string) { return m != nil && m.Name != "", m.Name }

func (m *T) ValidAfter() bool {
	x := 1
	return m != nil && x > 0
}

func (m *T) Logs() string {
	if m == nil {
		log.Print("nil")
	}
	return m.Name
}

// Uses r in the nil branch.
func (m *T) Init() {
	if m == nil {
		m.init()
		return
	}
}

func (m *T) init() {}

// Unexported: never called from another package.
func (m *T) getName() string {
	if m == nil {
		return ""
	}
	return m.Name
}

// Value receiver: copied out of *p at the call.
func (m T) Value() string {
	if &m == nil {
		return ""
	}
	return m.Name
}

// Something before the check.
func (m *T) Late() string {
	n := 0
	if m == nil {
		return ""
	}
	return m.Name[n:]
}

// The check is not first with an init statement.
func (m *T) WithInit() string {
	if n := 0; m == nil {
		return ""
	}
	return m.Name
}

// r == nil && ...: a nil r falls through when the rest is false.
func (m *T) AndEq(ok bool) string {
	if m == nil && ok {
		return ""
	}
	return m.Name
}

// r != nil || ...: the body runs on a nil r.
func (m *T) OrNeq(ok bool) string {
	if m != nil || ok {
		return m.Name
	}
	return ""
}

// Mixed chain: (m == nil && a) || b.
func (m *T) Mixed(a, b bool) string {
	if m == nil && a || b {
		return ""
	}
	return m.Name
}

// The getter's final return mentions r.
func (m *T) TailUse() string {
	if m != nil {
		return m.Name
	}
	return m.next.Name
}

// else on a != check runs for a nil r.
func (m *T) NeqElse() string {
	if m != nil {
		return m.Name
	} else {
		return ""
	}
}

// goto out of the nil branch.
func (m *T) Goto() string {
	if m == nil {
		goto out
	}
	return ""
out:
	return m.Name
}

// The nil branch does not end in return.
func (m *T) Panics() string {
	if m == nil {
		panic("nil")
	}
	return m.Name
}

// nil on the left, parentheses, other spacing: not the spelling asked for.
func (m *T) NilLeft() string {
	if nil == m {
		return ""
	}
	return m.Name
}

func (m *T) Paren() string {
	if (m == nil) {
		return ""
	}
	return m.Name
}

func (m *T) Spacing() string {
	if m==nil {
		return ""
	}
	return m.Name
}

func (m  *T) RecvSpacing() string {
	if m == nil {
		return ""
	}
	return m.Name
}

func  (m *T) FuncSpacing() string {
	if m == nil {
		return ""
	}
	return m.Name
}

// Another variable is checked.
func (m *T) Other(o *T) string {
	if o == nil {
		return ""
	}
	return m.Name
}

// Unnamed and blank receivers.
func (*T) Unnamed() string { return "" }

func (_ *T) Blank() string {
	if _ == nil {
		return ""
	}
	return ""
}

// A shadowing r in the nil branch counts as a mention.
func (m *T) Shadow() string {
	if m == nil {
		m := &T{}
		return m.Name
	}
	return m.Name
}

// An empty body.
func (m *T) Empty() {}

// Functions are not methods.
func SafeLooking(m *T) string {
	if m == nil {
		return ""
	}
	return m.Name
}
`

func TestMethods(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, fd := range nilsafe.Methods(f) {
		listed = append(listed, fd.Name.Name)
	}
	var want []string
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && strings.HasPrefix(fd.Name.Name, "Safe") {
			want = append(want, fd.Name.Name)
		}
	}
	if !slices.Equal(listed, want) {
		t.Errorf("Methods lists %v, want %v", listed, want)
	}
	if !nilsafe.Candidate([]byte(src)) {
		t.Errorf("Candidate(src) = false")
	}
}

func TestCandidate(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"func (m *T) F() { if m == nil { return } }", true},
		{"func (m *T) F() { if m != nil { return } }", true},
		{"func (m *T) F() { if\nm !=\tnil { return } }", true},
		{"func (m *T) F() { if m\t==\rnil { return } }", true},
		{"func (m *T) F() { if m == nilly { return } }", false},
		{"func (m *T) F() { if mm == nil { return } }", false},
		{"func (m *T) F() { xif m == nil { return } }", false},
		{"func (m *T) F() { if m\n== nil { return } }", false},
		{"func (m T) F() { if m == nil { return } }", false},
		{"func F(m *T) { if m == nil { return } }", false},
		{"func\t(m *T) F() { if m == nil { return } }", true},
		{"xfunc (m *T) F() { if m == nil { return } }", false},
		{"func  (m *T) F() { if m == nil { return } }", false},
		{"func (m *T) F() { if err != nil { return } }", false},
		{"func (m *T) F() { x := m = nil }", false},
		{"func (m *T) F() bool { return m != nil && m.ok }", true},
		{"func (m *T) F() bool { return m == nil || m.ok }", true},
		{"func (m *T) F() bool { xreturn m != nil }", false},
		{"func (m *T) F() bool { return  m != nil }", false},
		{"if m == nil", false},
		{"", false},
		// Several receivers, checks before their methods, names that
		// are prefixes of others.
		{"func F() { if m == nil { return } }\nfunc (mm *T) G() {}\nfunc (m *T) H() {}", true},
		{"func (mm *T) G() { if m == nil { return } }\nfunc (m T) H() {}", false},
		{"func (a *T) F() { if err != nil { return } }\nfunc (b *U) G() { if b == nil { return } }", true},
		{"func (a *T) F() { if b == nil { return } }\nfunc (c *U) G() {}", false},
		{"func (m *T", false},
		{"func", false},
	} {
		if got := nilsafe.Candidate([]byte(tc.text)); got != tc.want {
			t.Errorf("Candidate(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestCandidateNecessary checks, over GOROOT's sources, that every file in
// which Methods lists a method passes Candidate: the vet gate parses only
// those, and must find the methods that standalone runs find.
func TestCandidateNecessary(t *testing.T) {
	if testing.Short() {
		t.Skip("parses GOROOT")
	}
	root := filepath.Join(goroot(t), "src")
	var files, candidates, listing, methods int
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		candidate := nilsafe.Candidate(data)
		if candidate {
			candidates++
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, data, parser.SkipObjectResolution)
		if err != nil {
			return nil // testdata with errors
		}
		if n := len(nilsafe.Methods(f)); n > 0 {
			listing++
			methods += n
			if !candidate {
				t.Errorf("%s: Methods lists %d methods, but Candidate is false", path, n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files, %d candidates, %d with %d listed methods", files, candidates, listing, methods)
	if listing == 0 || candidates > files/10 {
		t.Errorf("implausible: %d candidates and %d listing files of %d", candidates, listing, files)
	}
}

// BenchmarkCandidate measures the prefilter over GOROOT's sources (read
// once, outside the timing).
func BenchmarkCandidate(b *testing.B) {
	var texts [][]byte
	filepath.WalkDir(filepath.Join(goroot(b), "src"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
			if data, err := os.ReadFile(path); err == nil {
				texts = append(texts, data)
			}
		}
		return nil
	})
	b.ResetTimer()
	for b.Loop() {
		for _, data := range texts {
			nilsafe.Candidate(data)
		}
	}
}

// goroot returns the GOROOT of the go command on PATH.
func goroot(tb testing.TB) string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		tb.Fatalf("go env GOROOT: %v", err)
	}
	return strings.TrimSpace(string(out))
}
