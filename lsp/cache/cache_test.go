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
