package nilsafe_test

import (
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"reflect"
	"testing"

	"github.com/weaklint/weaklint/internal/nilsafe"
)

// TestNilResults: the constants each method returns for a nil receiver.
func TestNilResults(t *testing.T) {
	const src = `package p

func (m *T) Valid() bool { return m != nil && m.ok }

func (m *T) Missing() bool { return m == nil || !m.ok }

func (m *T) GetID() string {
	if m == nil {
		return ""
	}
	return m.id
}

func (m *T) Get() (*T, int, bool, float64, rune, error) {
	if m == nil || m.gone {
		log()
		return nil, -1, false, 0.5, 'x', errGone
	}
	return m, 1, true, 1, 'y', nil
}

func (m *T) Count() int {
	if m != nil {
		return m.n
	}
	return (+0)
}

func (m *T) Named() Role {
	if m == nil {
		return RoleNone
	}
	return m.role
}

func (m *T) Nested(ok bool) bool {
	if m == nil {
		if ok {
			return true
		}
		return false
	}
	return ok
}

func (m *T) Closure() bool {
	if m == nil {
		f := func() bool { return true }
		_ = f
		return false
	}
	return true
}

func (m *T) After() int {
	if m != nil {
		return m.n
	}
	log()
	return 0
}

func (m *T) NotSafe() bool {
	if m == nil {
		log()
	}
	return m.ok
}

func (m *T) Close() {
	if m != nil {
		m.n = 0
	}
}
`
	want := map[string][]nilsafe.NilResult{
		"Valid":   {{Value: "false"}},
		"Missing": {{Value: "true"}},
		"GetID":   {{Value: `""`}},
		"Get":     {{Result: 0, Value: "nil"}, {Result: 1, Value: "-1"}, {Result: 2, Value: "false"}, {Result: 3, Value: "0.5"}, {Result: 4, Value: "'x'"}},
		"Count":   {{Value: "+0"}},
		"Closure": {{Value: "false"}},
	}
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Decls {
		fd := d.(*ast.FuncDecl)
		if got := nilsafe.NilResults(fd); !reflect.DeepEqual(got, want[fd.Name.Name]) {
			t.Errorf("NilResults(%s) = %v, want %v", fd.Name.Name, got, want[fd.Name.Name])
		}
	}
}

// TestNilResultConstant: the values of the spellings NilResults writes.
func TestNilResultConstant(t *testing.T) {
	for _, c := range []struct {
		spelling string
		want     constant.Value // nil: the nil constant
	}{
		{"nil", nil},
		{"true", constant.MakeBool(true)},
		{"false", constant.MakeBool(false)},
		{`""`, constant.MakeString("")},
		{"`a`", constant.MakeString("a")},
		{`"\x00"`, constant.MakeString("\x00")},
		{"'x'", constant.MakeInt64('x')},
		{"0", constant.MakeInt64(0)},
		{"-1", constant.MakeInt64(-1)},
		{"+0x10", constant.MakeInt64(16)},
		{"-0.5", constant.MakeFloat64(-0.5)},
		{"1e3", constant.MakeFloat64(1000)},
	} {
		v, isNil := nilsafe.NilResult{Value: c.spelling}.Constant()
		if c.want == nil {
			if !isNil {
				t.Errorf("%s: not nil", c.spelling)
			}
			continue
		}
		if isNil || v.Kind() == constant.Unknown || !constant.Compare(v, token.EQL, c.want) {
			t.Errorf("%s = %v (nil %v), want %v", c.spelling, v, isNil, c.want)
		}
	}
	for _, bad := range []string{"", "-", "x", `-""`, "-'x'", "RoleNone", "1 + 1"} {
		if v, isNil := (nilsafe.NilResult{Value: bad}).Constant(); isNil || v.Kind() != constant.Unknown {
			t.Errorf("%q = %v (nil %v), want unknown", bad, v, isNil)
		}
	}
}

// TestParamNilResults: the constants each function returns for a nil
// pointer parameter, by argument index (a method's receiver is 0).
func TestParamNilResults(t *testing.T) {
	const src = `package p

func IsAdmin(u *User) bool { return u != nil && u.admin }

func Missing(u *User) bool { return u==nil || u.gone }

func (s *Store) Has(x int, u *User) bool {
	if u == nil {
		return false
	}
	return s.m[u]
}

func Pair(a, b *User) (string, error) {
	if b != nil && a != nil {
		return a.n + b.n, nil
	}
	return "", errNil
}

func Either(a, b *User) *User {
	if a == nil {
		return b
	}
	return a
}

func Goto(a *User) bool {
	if a == nil {
		goto out
		return false
	}
out:
	return true
}

func Else(a *User) bool {
	if a != nil {
		println()
	} else {
		return true
	}
	return false
}

func Init(a *User) bool {
	if a = other(); a == nil {
		return false
	}
	return true
}

func NotPointer(a User, m map[int]int) bool {
	if m == nil {
		return false
	}
	return true
}

func Variadic(us ...*User) bool { return us != nil && len(us) > 0 }

func (m *T) Recv() bool { return m != nil && m.ok }
`
	want := map[string][]nilsafe.NilResult{
		"IsAdmin": {{Value: "false"}},
		"Missing": {{Value: "true"}},
		"Has":     {{Param: 2, Value: "false"}},
		"Pair":    {{Param: 1, Value: `""`}},
	}
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Decls {
		fd := d.(*ast.FuncDecl)
		if got := nilsafe.ParamNilResults(fd); !reflect.DeepEqual(got, want[fd.Name.Name]) {
			t.Errorf("ParamNilResults(%s) = %v, want %v", fd.Name.Name, got, want[fd.Name.Name])
		}
	}
}
