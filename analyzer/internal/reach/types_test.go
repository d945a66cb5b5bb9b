package reach

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

const typesSrc = `package p

import (
	"sync/atomic"
	"unsafe"
	"weak"
)

type File struct {
	fd   int
	conn *Conn
	peer *Peer
}
type Conn struct{ id int; name string; buf []byte }
type Peer struct{ owners map[string][]*File }
type Closer interface{ Close() error }
type Node struct{ next *Node }

type (
	fd        int
	connPtr   *Conn
	peerPtr   *Peer
	filePtr   *File
	fileVal   File
	files     []*File
	fileChan  chan *File
	fileArray [2]*File
	fileKeys  map[*File]bool
	closer    Closer
	callback  func()
	raw       unsafe.Pointer
	nested    struct{ inner struct{ f **File } }
	weakFiles map[string]weak.Pointer[File]
	noFiles   [0]*File
)

// Aliases keep the generic types themselves.
type (
	weakFile = weak.Pointer[File]
	atomFile = atomic.Pointer[File]
)
`

func TestCanReach(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", typesSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	lookup := func(name string) types.Type {
		t := pkg.Scope().Lookup(name).Type()
		if a, ok := t.(*types.Alias); ok {
			return types.Unalias(a)
		}
		return t.Underlying()
	}
	file := pkg.Scope().Lookup("File").Type()
	for _, tc := range []struct {
		typ      string
		can, may bool
	}{
		{"fd", false, false},
		{"connPtr", false, false},
		{"peerPtr", true, true}, // through a map of slices of *File
		{"filePtr", true, true},
		{"fileVal", true, true}, // a copy of a File holds peer
		{"files", true, true},
		{"fileChan", true, true},
		{"fileArray", true, true},
		{"fileKeys", true, true},
		{"closer", false, true}, // opaque: assumed not to, may
		{"callback", false, true},
		{"raw", false, true},
		{"nested", true, true},
		{"weakFile", false, false}, // a weak pointer keeps nothing alive, not even through its unsafe.Pointer
		{"weakFiles", false, false},
		{"atomFile", true, true}, // a strong *File behind an unsafe.Pointer
		{"noFiles", false, false},
	} {
		typ := lookup(tc.typ)
		if got := CanReach(typ, file); got != tc.can {
			t.Errorf("CanReach(%s, File) = %v, want %v", tc.typ, got, tc.can)
		}
		if got := MayReach(typ, file); got != tc.may {
			t.Errorf("MayReach(%s, File) = %v, want %v", tc.typ, got, tc.may)
		}
	}
	// A recursive type that never mentions File terminates and does not reach it.
	if CanReach(pkg.Scope().Lookup("Node").Type(), file) {
		t.Error("CanReach(Node, File) = true")
	}
}
