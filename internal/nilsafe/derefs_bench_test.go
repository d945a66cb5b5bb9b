package nilsafe_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/weaklint/weaklint/internal/nilsafe"
)

// BenchmarkDerefs measures the parameter rule on package time of GOROOT
// (what a skipped go vet unit computes beside parsing), and parsing it.
func BenchmarkDerefs(b *testing.B) {
	dir := filepath.Join(goroot(b), "src", "time")
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			names = append(names, filepath.Join(dir, n))
		}
	}
	parse := func() []*ast.File {
		fset := token.NewFileSet()
		var files []*ast.File
		for _, n := range names {
			f, err := parser.ParseFile(fset, n, nil, parser.SkipObjectResolution)
			if err != nil {
				b.Fatal(err)
			}
			files = append(files, f)
		}
		return files
	}
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			parse()
		}
	})
	files := parse()
	b.Run("rule", func(b *testing.B) {
		for b.Loop() {
			nilsafe.Derefs(files)
		}
	})
}
