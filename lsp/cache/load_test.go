package cache

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer"
	"github.com/weaklint/weaklint/lsp/internal/testanalyzer"
)

// TestLoadKeepsOnlyWhatMatters loads package use of testdata/lsp/facts with
// weaklint's analyzers: the dependencies the vet gate's rule skips (plain,
// strings) are type-checked without bodies and not analyzed, those that
// may export facts (wrap, and mid through wrap's facts) are analyzed, and
// no dependency keeps its syntax; the cleanup registered through mid is
// still found, from wrap's facts.
func TestLoadKeepsOnlyWhatMatters(t *testing.T) {
	dir := fixture(t, "facts")
	name := filepath.Join(dir, "use", "use.go")
	content, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(t.Logf)
	snap := Snapshot{Overlays: map[string]Overlay{name: {Content: content, Version: 1}}, Analyzers: analyzer.All()}
	got := s.Diagnose(context.Background(), snap)[name]
	if msgs := messages(got.Diagnostics); !strings.Contains(msgs, "cleanupref: cleanup function captures f") || len(got.Diagnostics) != 1 {
		t.Fatalf("use.go:\n%s\nwant one cleanupref diagnostic (the cleanup registered through mid.Watch captures f)", msgs)
	}
	v := s.viewOf(name)
	for _, tc := range []struct {
		file    string
		skipped bool
	}{
		{"plain/plain.go", true},
		{"wrap/wrap.go", false},
		{"mid/mid.go", false},
	} {
		p := v.filePkg[filepath.Join(dir, tc.file)]
		if p == nil {
			t.Fatalf("%s: not loaded", tc.file)
		}
		if p.Types == nil || p.Syntax != nil || p.TypesInfo != nil {
			t.Errorf("%s: types %v, %d files of syntax, info %v: want types, no syntax, no info", tc.file, p.Types != nil, len(p.Syntax), p.TypesInfo != nil)
		}
		if v.gate.skipped[p] != tc.skipped {
			t.Errorf("%s: skipped %v, want %v", tc.file, v.gate.skipped[p], tc.skipped)
		}
	}
	if root := v.fileRoot[name]; root == nil || len(root.pkg.Syntax) != 1 || root.pkg.TypesInfo == nil {
		t.Errorf("the open package does not keep its syntax and type information")
	}
	if n := s.Stats.Skipped.Load(); n < 2 {
		t.Errorf("%d packages skipped, want plain and strings at least", n)
	}

	// Analyzers that make no promise to the gate (testanalyzer's): every
	// dependency is analyzed.
	s = NewSession(t.Logf)
	snap.Analyzers = []*analysis.Analyzer{testanalyzer.BadCall}
	s.Diagnose(context.Background(), snap)
	if n := s.Stats.Skipped.Load(); n != 0 {
		t.Errorf("analyzers the gate does not know: %d packages skipped, want 0", n)
	}
}

// TestFactsOfBrokenDependency: a dependency with an error in a function
// body, on disk (wrap of testdata/lsp/facts, copied), still exports its
// facts: weaklint's fact analyzers, which build SSA, run on it repaired.
func TestFactsOfBrokenDependency(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixture(t, "facts"))); err != nil {
		t.Fatal(err)
	}
	wrap := filepath.Join(dir, "wrap", "wrap.go")
	src, err := os.ReadFile(wrap)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(wrap, append(src, "\nfunc Typing() { undefinedName() }\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "use", "use.go")
	content, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(t.Logf)
	snap := Snapshot{Overlays: map[string]Overlay{name: {Content: content, Version: 1}}, Analyzers: analyzer.All()}
	got := s.Diagnose(context.Background(), snap)[name]
	if msgs := messages(got.Diagnostics); !strings.Contains(msgs, "cleanupref: cleanup function captures f") || len(got.Diagnostics) != 1 {
		t.Fatalf("use.go, wrap.go broken on disk:\n%s\nwant one cleanupref diagnostic (wrap's facts still hold)", msgs)
	}
	if p := s.viewOf(name).filePkg[wrap]; p == nil || !p.IllTyped {
		t.Errorf("wrap is not ill-typed: the test tests nothing")
	}
}
