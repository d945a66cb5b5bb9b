package strongcache_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/weaklint/weaklint/analyzer/strongcache"
)

// BenchmarkGuardedValues runs the analyzer on one function made of n
// guarded uses, if v := p.Value(); v != nil { return v.Name }: every v is a
// referent, so work per referent must not be proportional to the function.
// Time and memory per op should double with n (compare 1000 to 8000).
func BenchmarkGuardedValues(b *testing.B) {
	for _, n := range []int{1000, 2000, 4000, 8000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			src := b.TempDir()
			if err := os.WriteFile(filepath.Join(src, "go.mod"), []byte("module big\n\ngo 1.26\n"), 0o644); err != nil {
				b.Fatal(err)
			}
			var sb strings.Builder
			sb.WriteString("package big\n\nimport \"weak\"\n\ntype T struct{ Name string }\n\nfunc F(p weak.Pointer[T]) string {\n")
			for range n {
				sb.WriteString("\tif v := p.Value(); v != nil {\n\t\treturn v.Name\n\t}\n")
			}
			sb.WriteString("\treturn \"\"\n}\n")
			if err := os.WriteFile(filepath.Join(src, "big.go"), []byte(sb.String()), 0o644); err != nil {
				b.Fatal(err)
			}
			// Load once: the loop measures the analysis, not go list.
			pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: src}, ".")
			if err != nil || packages.PrintErrors(pkgs) > 0 {
				b.Fatal("load failed")
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := checker.Analyze([]*analysis.Analyzer{strongcache.Analyzer}, pkgs, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
