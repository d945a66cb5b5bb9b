package cache

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/lsp/internal/testanalyzer"
)

func fixture(t *testing.T, name string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "lsp", name))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func messages(diags []Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Analyzer + ": " + d.Message + "\n")
	}
	return b.String()
}

// TestEditRechecksOnlyThePackage checks that an edit that keeps the imports
// re-checks the edited package without a new load, and that the facts of
// its dependency (b.Wrap calls bad) still apply.
func TestEditRechecksOnlyThePackage(t *testing.T) {
	dir := fixture(t, "basic")
	name := filepath.Join(dir, "a", "a.go")
	content, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(t.Logf)
	analyzers := []*analysis.Analyzer{testanalyzer.BadCall}
	snap := func(content string, version int32) Snapshot {
		return Snapshot{Overlays: map[string]Overlay{name: {Content: []byte(content), Version: version}}, Analyzers: analyzers}
	}

	got := s.Diagnose(context.Background(), snap(string(content), 1))[name]
	want := "badcall: call of bad: call good instead\nbadcall: call of Wrap, which calls bad\n"
	if messages(got.Diagnostics) != want || got.Version != 1 {
		t.Fatalf("first diagnose: version %d\n%s\nwant version 1\n%s", got.Version, messages(got.Diagnostics), want)
	}

	edited := strings.Replace(string(content), "\tbad()\n", "\tgood()\n", 1)
	got = s.Diagnose(context.Background(), snap(edited, 2))[name]
	want = "badcall: call of Wrap, which calls bad\n"
	if messages(got.Diagnostics) != want || got.Version != 2 {
		t.Fatalf("after edit: version %d\n%s\nwant version 2\n%s", got.Version, messages(got.Diagnostics), want)
	}
	if loads, rechecks := s.Stats.Loads.Load(), s.Stats.Rechecks.Load(); loads != 1 || rechecks != 1 {
		t.Errorf("loads, rechecks = %d, %d; want 1, 1", loads, rechecks)
	}

	// A new import needs a load.
	withImport := strings.Replace(edited, `import "example.com/basic/b"`, "import (\n\t\"example.com/basic/b\"\n\t\"strings\"\n)\n\nvar _ = strings.ToUpper", 1)
	got = s.Diagnose(context.Background(), snap(withImport, 3))[name]
	if messages(got.Diagnostics) != want {
		t.Fatalf("after new import:\n%s\nwant\n%s", messages(got.Diagnostics), want)
	}
	if loads := s.Stats.Loads.Load(); loads != 2 {
		t.Errorf("loads = %d after a new import, want 2", loads)
	}
}

// TestEditOfAnImportedPackage edits package b while package a, which
// imports it, is open too: a is re-checked against b's new types and facts,
// without a load.
func TestEditOfAnImportedPackage(t *testing.T) {
	dir := fixture(t, "basic")
	files := map[string]string{}
	for _, rel := range []string{"a/a.go", "a/a_test.go", "b/b.go"} {
		name := filepath.Join(dir, rel)
		content, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(content)
	}
	aGo, aTest, bGo := filepath.Join(dir, "a", "a.go"), filepath.Join(dir, "a", "a_test.go"), filepath.Join(dir, "b", "b.go")
	s := NewSession(t.Logf)
	diagnose := func() map[string]FileDiagnostics {
		snap := Snapshot{Overlays: map[string]Overlay{}, Analyzers: []*analysis.Analyzer{testanalyzer.BadCall}}
		for name, content := range files {
			snap.Overlays[name] = Overlay{Content: []byte(content)}
		}
		return s.Diagnose(context.Background(), snap)
	}

	got := diagnose()
	for name, want := range map[string]string{
		aGo:   "badcall: call of bad: call good instead\nbadcall: call of Wrap, which calls bad\n",
		aTest: "badcall: call of bad: call good instead\n", // once: a.go's findings are not repeated from the test variant
		bGo:   "badcall: call of bad: call good instead\n",
	} {
		if messages(got[name].Diagnostics) != want {
			t.Errorf("%s:\n%s\nwant\n%s", filepath.Base(name), messages(got[name].Diagnostics), want)
		}
	}

	files[bGo] = strings.Replace(files[bGo], "func Wrap() { bad() }", "func Wrap() {}", 1)
	got = diagnose()
	if want := "badcall: call of bad: call good instead\n"; messages(got[aGo].Diagnostics) != want {
		t.Errorf("a.go after Wrap stopped calling bad:\n%s\nwant\n%s", messages(got[aGo].Diagnostics), want)
	}
	if loads := s.Stats.Loads.Load(); loads != 1 {
		t.Errorf("%d loads, want 1", loads)
	}
	// b, and the packages of a that import it: a and a [a.test].
	if rechecks := s.Stats.Rechecks.Load(); rechecks != 3 {
		t.Errorf("%d packages re-checked, want 3", rechecks)
	}
}

// TestFileInNoPackage checks that a file excluded by build constraints gets
// no diagnostics, and is not loaded again at each edit, only when its
// constraints change.
func TestFileInNoPackage(t *testing.T) {
	name := filepath.Join(fixture(t, "basic"), "b", "ignored.go")
	s := NewSession(t.Logf)
	diagnose := func(content string) []Diagnostic {
		snap := Snapshot{
			Overlays:  map[string]Overlay{name: {Content: []byte(content)}},
			Analyzers: []*analysis.Analyzer{testanalyzer.BadCall},
		}
		return s.Diagnose(context.Background(), snap)[name].Diagnostics
	}
	ignored := "//go:build ignore\n\npackage b\n\nfunc F() { bad() }\n"
	for i, content := range []string{ignored, ignored + "// edit\n", ignored + "// another edit\n"} {
		if diags := diagnose(content); len(diags) != 0 {
			t.Errorf("edit %d: diagnostics %s, want none", i, messages(diags))
		}
	}
	if loads := s.Stats.Loads.Load(); loads != 1 {
		t.Errorf("%d loads for edits below the package clause, want 1", loads)
	}
	if diags := diagnose(strings.TrimPrefix(ignored, "//go:build ignore\n")); len(diags) != 1 {
		t.Errorf("without the build constraint: diagnostics %s, want the call of bad", messages(diags))
	}
	if loads := s.Stats.Loads.Load(); loads != 2 {
		t.Errorf("%d loads after the constraint went, want 2", loads)
	}
}
