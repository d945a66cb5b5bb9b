package strongcache_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/weaklint/weaklint/analyzer/internal/fixtures"
	"github.com/weaklint/weaklint/analyzer/strongcache"
)

// TestStrongcache runs every rule, the opt-in memo rule included.
func TestStrongcache(t *testing.T) {
	testdata := fixtures.Dir(t)
	if err := strongcache.Analyzer.Flags.Set("memo", "true"); err != nil {
		t.Fatal(err)
	}
	defer strongcache.Analyzer.Flags.Set("memo", "false")
	analysistest.Run(t, testdata, strongcache.Analyzer, "strongcache/...")
}

// By default (-memo=false) only the rules about weak pointers run: the memo
// fixtures must be quiet, so the test fails if the default changes.
func TestMemoOffByDefault(t *testing.T) {
	testdata := fixtures.Dir(t)
	results := analysistest.Run(&quietT{T: t}, testdata, strongcache.Analyzer, "strongcache/memo")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			t.Errorf("%v: unexpected diagnostic with -memo=false: %s", r.Pass.Fset.Position(d.Pos), d.Message)
		}
	}
}

// quietT ignores analysistest's complaints about unmatched "want"
// expectations: with the rule off, none of them is expected to match.
type quietT struct{ *testing.T }

func (q *quietT) Errorf(format string, args ...any) {}
