package weakderef_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/weaklint/weaklint/analyzer"
	"github.com/weaklint/weaklint/analyzer/internal/lazyssa"
	"github.com/weaklint/weaklint/analyzer/weakderef"
	"github.com/weaklint/weaklint/internal/cputime"
)

// BenchmarkGuardedUses runs the whole suite (analyzer.All(), with the fact
// analyzers they require), weakderef alone, and only the SSA build, on one
// function of n guarded uses,
//
//	if v := p.Value(); v != nil { return v.Name }
//
// at n = 1000, 2000, 4000 and 8000 (issue 9: 8000 took 32 s and 2.5 GB when
// weakderef copied its fact stack per block). Loading and type-checking are
// outside the timer; cpu-s/op is the process's CPU time (all threads, the
// collector's too), which a loaded machine inflates less than ns/op. The
// ssa/N runs only build the SSA form that the suite needs (an analyzer that
// asks lazyssa for it and does nothing else).
//
// Time and memory grow linearly in n. They did not while the SSA builder was
// upstream x/tools', whose lifting copied its renaming table for every
// dominator-tree branch and scanned per-variable bit sets as long as the
// function, O(blocks × variables): 1.1 GB/op at 8000 (internal/ssa is the
// fork that fixes both). Figures before and after, and for the weaklint
// command on the same code: bench/guardeduses-results.txt.
func BenchmarkGuardedUses(b *testing.B) {
	for _, bench := range []struct {
		name      string
		analyzers []*analysis.Analyzer
	}{
		{"suite", analyzer.All()},
		{"weakderef", []*analysis.Analyzer{weakderef.Analyzer}},
		{"ssa", []*analysis.Analyzer{ssaOnly}},
	} {
		for _, n := range []int{1000, 2000, 4000, 8000} {
			b.Run(fmt.Sprintf("%s/%d", bench.name, n), func(b *testing.B) {
				benchAnalyze(b, bench.analyzers, n)
			})
		}
	}
}

// BenchmarkFieldReads runs weakderef on one function that reads n times a
// field of a local struct copied whole and then given a checked referent,
//
//	c := *d; c.m = w.Value(); if c.m == nil { return 0 }; s += c.m.x; ...
//
// Each read asks which store reaches it; the stores of the variable are
// summarized once and each block indexed once, so time grows linearly in n
// (scanning the variable's uses per read made it quadratic: 11 s of CPU at
// 16000 reads, 1.2 s after).
func BenchmarkFieldReads(b *testing.B) {
	for _, n := range []int{1000, 2000, 4000, 8000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var src strings.Builder
			src.WriteString("package big\n\nimport \"weak\"\n\ntype M struct{ x int }\ntype D struct{ m *M }\n\n")
			src.WriteString("func Sum(d *D, w weak.Pointer[M]) int {\n\tc := *d\n\tc.m = w.Value()\n\tif c.m == nil {\n\t\treturn 0\n\t}\n\ts := 0\n")
			for range n {
				src.WriteString("\ts += c.m.x\n")
			}
			src.WriteString("\treturn s\n}\n")
			benchAnalyzeSource(b, []*analysis.Analyzer{weakderef.Analyzer}, src.String())
		})
	}
	// The same through a pointer (d.m = w.Value(); d.m.x): each read looks
	// back a bounded stretch of its block for the store, once.
	for _, n := range []int{1000, 2000, 4000, 8000} {
		b.Run(fmt.Sprint("heap/", n), func(b *testing.B) {
			var src strings.Builder
			src.WriteString("package big\n\nimport \"weak\"\n\ntype M struct{ x int }\ntype D struct{ m *M }\n\n")
			src.WriteString("func Sum(d *D, w weak.Pointer[M]) int {\n\td.m = w.Value()\n\tif d.m == nil {\n\t\treturn 0\n\t}\n\ts := 0\n")
			for range n {
				src.WriteString("\ts += d.m.x\n")
			}
			src.WriteString("\treturn s\n}\n")
			benchAnalyzeSource(b, []*analysis.Analyzer{weakderef.Analyzer}, src.String())
		})
	}
}

// BenchmarkStoredFieldReads runs weakderef on a package whose field d.m
// one method stores a referent in unchecked (d.m = w.Value()), read back by
// n other methods that each check it (if d.m == nil { return 0 }; return
// d.m.x), and by one function that checks it once and reads it n times.
// The record is built once from the first walk; the second walk visits
// only the functions that read a recorded field, and each read finds its
// representative in a map keyed by its field path: time grows linearly.
func BenchmarkStoredFieldReads(b *testing.B) {
	const head = "package big\n\nimport \"weak\"\n\ntype M struct{ x int }\ntype D struct{ m *M }\n\nfunc (d *D) Set(w weak.Pointer[M]) { d.m = w.Value() }\n\n"
	for _, n := range []int{1000, 2000, 4000, 8000} {
		b.Run(fmt.Sprint("funcs/", n), func(b *testing.B) {
			var src strings.Builder
			src.WriteString(head)
			for i := range n {
				fmt.Fprintf(&src, "func (d *D) Get%d() int {\n\tif d.m == nil {\n\t\treturn 0\n\t}\n\treturn d.m.x\n}\n", i)
			}
			benchAnalyzeSource(b, []*analysis.Analyzer{weakderef.Analyzer}, src.String())
		})
	}
	for _, n := range []int{1000, 2000, 4000, 8000} {
		b.Run(fmt.Sprint("reads/", n), func(b *testing.B) {
			var src strings.Builder
			src.WriteString(head)
			src.WriteString("func Sum(d *D) int {\n\tif d.m == nil {\n\t\treturn 0\n\t}\n\ts := 0\n")
			for range n {
				src.WriteString("\ts += d.m.x\n")
			}
			src.WriteString("\treturn s\n}\n")
			benchAnalyzeSource(b, []*analysis.Analyzer{weakderef.Analyzer}, src.String())
		})
	}
}

// BenchmarkDeferredExits runs weakderef on one function of n guarded uses
// with 31 returns (maxDeferredExits is 32) and a deferred closure that tests the
// named error result before using the referent,
//
//	defer func() { if err == nil { _ = o.x } }(); if o == nil { return 0, errGone }; s += o.x; ...; if k == 1 { return s, nil }; ...
//
// The closure's paths go on to the function's exits, each variable's value
// at an exit found once, so time stays linear in n.
func BenchmarkDeferredExits(b *testing.B) {
	for _, n := range []int{1000, 2000, 4000, 8000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var src strings.Builder
			src.WriteString("package big\n\nimport (\n\t\"errors\"\n\t\"weak\"\n)\n\ntype M struct{ x int }\n\nvar errGone = errors.New(\"gone\")\n\n")
			src.WriteString("func Get(w weak.Pointer[M], k int) (s int, err error) {\n\to := w.Value()\n\tdefer func() {\n\t\tif err == nil {\n\t\t\t_ = o.x\n\t\t}\n\t}()\n\tif o == nil {\n\t\treturn 0, errGone\n\t}\n")
			for i := range n {
				src.WriteString("\ts += o.x\n")
				if i%(n/28) == 0 {
					fmt.Fprintf(&src, "\tif k == %d {\n\t\treturn s, nil\n\t}\n", i)
				}
			}
			src.WriteString("\treturn s, nil\n}\n")
			benchAnalyzeSource(b, []*analysis.Analyzer{weakderef.Analyzer}, src.String())
		})
	}
}

var ssaOnly = &analysis.Analyzer{
	Name:     "ssaonly",
	Doc:      "build the SSA form weaklint's analyzers use, and nothing else",
	Requires: []*analysis.Analyzer{lazyssa.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		pass.ResultOf[lazyssa.Analyzer].(*lazyssa.Result).Get()
		return nil, nil
	},
}

func benchAnalyze(b *testing.B, analyzers []*analysis.Analyzer, n int) {
	benchAnalyzeSource(b, analyzers, guardedUses(n))
}

func benchAnalyzeSource(b *testing.B, analyzers []*analysis.Analyzer, src string) {
	pkgs := loadSource(b, src)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, cpuOK := cputime.Process()
	for range b.N {
		graph, err := checker.Analyze(analyzers, pkgs, nil)
		if err != nil {
			b.Fatal(err)
		}
		for act := range graph.All() {
			if act.Err != nil {
				b.Fatal(act.Err)
			}
			if act.IsRoot && len(act.Diagnostics) > 0 {
				b.Fatalf("%s: %d diagnostics on guarded code, e.g. %s", act.Analyzer.Name, len(act.Diagnostics), act.Diagnostics[0].Message)
			}
		}
	}
	// CPU time rather than wall time: on a loaded machine the two differ
	// by the other processes' share.
	if cpu1, ok := cputime.Process(); ok && cpuOK {
		b.ReportMetric((cpu1-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	}
}

// guardedUses returns a package with one function of n guarded uses.
func guardedUses(n int) string {
	var src strings.Builder
	src.WriteString("package big\n\nimport \"weak\"\n\ntype T struct{ Name string }\n\nfunc Names(p weak.Pointer[T]) string {\n")
	for range n {
		src.WriteString("\tif v := p.Value(); v != nil {\n\t\treturn v.Name\n\t}\n")
	}
	src.WriteString("\treturn \"\"\n}\n")
	return src.String()
}

// loadSource loads and type-checks a module of one package, big, whose
// only file is src.
func loadSource(b *testing.B, src string) []*packages.Package {
	dir := b.TempDir()
	for name, text := range map[string]string{
		"go.mod": "module big\n\ngo 1.26\n",
		"big.go": src,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o666); err != nil {
			b.Fatal(err)
		}
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Tests: false}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		b.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("generated package does not load")
	}
	return pkgs
}
