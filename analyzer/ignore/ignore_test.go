package ignore_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/weaklint/weaklint/analyzer"
	"github.com/weaklint/weaklint/analyzer/internal/fixtures"
)

// suite returns weaklint's analyzer of that name: the directive analyzers
// as the commands build them, knowing every check.
func suite(t *testing.T, name string) *analysis.Analyzer {
	t.Helper()
	for _, a := range analyzer.All() {
		if a.Name == name {
			return a
		}
	}
	t.Fatalf("no analyzer %s in analyzer.All()", name)
	return nil
}

func TestIgnoreDirective(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), suite(t, "ignoredirective"), "ignore/malformed")
}

func TestUnusedIgnore(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), suite(t, "unusedignore"), "ignore/unused")
}

// TestUnusedIgnoreFixes: a stale directive is removed; a stale name is
// removed from a directive whose other names still silence something.
func TestUnusedIgnoreFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixtures.Dir(t), suite(t, "unusedignore"), "ignore/unusedfix")
}
