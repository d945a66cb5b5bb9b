package strongcache

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
)

// The type criteria of the rules, as a table: each type is declared in a
// small package and the predicates are checked against it.
const typesSrc = `package p

import (
	"reflect"
	"weak"
)

type T struct{ n int }
type Kind int
const KindA Kind = 0
type ID int64
type Name string
type route struct{ method, path string }
type typed struct{ t reflect.Type; name string }
type entry struct{ wp weak.Pointer[T]; size int }
type back struct{ parent *T }
type holder struct{ b *back }

var (
	vString   string
	vInt      int
	vID       ID
	vName     Name
	vKind     Kind
	vBool     bool
	vHash     [32]byte
	vRoute    route
	vTyped    typed
	vType     reflect.Type
	vPtr      *T
	vAny      any
	vFloat    float64
	vSlice    []int
	vStruct   T
	vEntry    entry
	vEntryPtr *entry
	vWeak     weak.Pointer[T]
	vBack     back
	vBackPtr  *back
	vHolder   holder
	vErr      error
)
`

func TestTypeCriteria(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", typesSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	typeOf := func(name string) types.Type { return pkg.Scope().Lookup(name).Type() }
	target := typeOf("vStruct") // T

	tests := []struct {
		v                                      string
		risky, bounded, pointers, weak, reachT bool
	}{
		{v: "vString", risky: true},
		{v: "vInt", risky: true},
		{v: "vID", risky: true}, // a named integer without constants: an id
		{v: "vName", risky: true},
		{v: "vKind", bounded: true}, // an enum
		{v: "vBool", bounded: true},
		{v: "vHash", risky: true},
		{v: "vRoute", risky: true},
		{v: "vTyped", pointers: true}, // keyed by type: not risky
		{v: "vType", bounded: true, pointers: true},
		{v: "vPtr", pointers: true, reachT: true},
		{v: "vAny", pointers: true},
		{v: "vFloat"},
		{v: "vSlice", pointers: true},
		{v: "vStruct", risky: true}, // a struct of plain values, like a composite id
		{v: "vEntry", weak: true},
		{v: "vEntryPtr", weak: true, pointers: true},
		{v: "vWeak", weak: true},
		{v: "vBack", pointers: true, reachT: true},
		{v: "vBackPtr", pointers: true, reachT: true},
		{v: "vHolder", pointers: true, reachT: true}, // one pointer hop: holder.b.parent
		{v: "vErr", pointers: true},
	}
	for _, tt := range tests {
		typ := typeOf(tt.v)
		if got := riskyKey(typ); got != tt.risky {
			t.Errorf("riskyKey(%s) = %v, want %v", typ, got, tt.risky)
		}
		if got := isBoundedKey(typ); got != tt.bounded {
			t.Errorf("isBoundedKey(%s) = %v, want %v", typ, got, tt.bounded)
		}
		if got := holdsPointers(typ); got != tt.pointers {
			t.Errorf("holdsPointers(%s) = %v, want %v", typ, got, tt.pointers)
		}
		if got := holdsWeak(typ); got != tt.weak {
			t.Errorf("holdsWeak(%s) = %v, want %v", typ, got, tt.weak)
		}
		if got := reach.CanReach(typ, target); got != tt.reachT {
			t.Errorf("reach.CanReach(%s, T) = %v, want %v", typ, got, tt.reachT)
		}
	}
}
