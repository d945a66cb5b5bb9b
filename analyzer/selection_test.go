package analyzer_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/weaklint/weaklint/analyzer"
	"github.com/weaklint/weaklint/analyzer/internal/fixtures"
	"github.com/weaklint/weaklint/analyzer/internal/lazyssa"
)

// TestSelectionsAgreeWithAllFunctions runs every analyzer on every fixture
// package twice: as weaklint does, building the SSA form of only the
// functions that registrars and lifetime ask for (lazyssa.Result.GetFor,
// GetUsing), and with all of every package's functions built and listed
// (lazyssa.SetBuildAll). The diagnostics, in the order reported, and the
// facts of every package must be the same.
func TestSelectionsAgreeWithAllFunctions(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and analyzes every fixture twice")
	}
	dir := fixtures.Dir(t)
	entries, err := os.ReadDir(dir + "/src")
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, e := range entries {
		patterns = append(patterns, e.Name()+"/...")
	}
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax,
		Dir:   dir,
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOPROXY=off", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 50 {
		t.Fatalf("loaded %d fixture packages: the comparison would be thin", len(pkgs))
	}
	run := func(all bool) string {
		lazyssa.SetBuildAll(all)
		defer lazyssa.SetBuildAll(false)
		graph, err := checker.Analyze(analyzer.All(), pkgs, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for act := range graph.All() {
			var lines []string
			for _, d := range act.Diagnostics {
				lines = append(lines, fmt.Sprintf("diag %s: %s", act.Package.Fset.Position(d.Pos), d.Message))
			}
			var facts []string
			for _, f := range act.AllObjectFacts() {
				if f.Object.Pkg() == act.Package.Types {
					facts = append(facts, fmt.Sprintf("fact %s %s: %s", f.Object.Pkg().Path(), f.Object.Name(), f.Fact))
				}
			}
			slices.Sort(facts)
			if len(lines)+len(facts) > 0 {
				out = append(out, act.String()+"\n"+strings.Join(append(lines, facts...), "\n"))
			}
		}
		slices.Sort(out)
		return strings.Join(out, "\n")
	}
	got, want := run(false), run(true)
	if !strings.Contains(want, "diag ") || !strings.Contains(want, "fact ") {
		t.Fatal("no diagnostic or fact: the comparison would be empty")
	}
	if got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("line %d differs:\nselected: %s\nall:      %s", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("selected: %d lines, all: %d", len(gl), len(wl))
	}
	t.Logf("%d packages, %d lines agree", len(pkgs), strings.Count(got, "\n")+1)
}
