package strongcache_test

import (
	"fmt"
	"strings"
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
	q := &quietT{T: t}
	results := analysistest.Run(q, testdata, strongcache.Analyzer, "strongcache/memo")
	if len(results) == 0 {
		t.Fatal("strongcache/memo: nothing was analyzed")
	}
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Pass.Pkg.Path(), r.Err)
		}
		for _, d := range r.Diagnostics {
			t.Errorf("%v: unexpected diagnostic with -memo=false: %s", r.Pass.Fset.Position(d.Pos), d.Message)
		}
	}
	if q.unmatched == 0 {
		t.Error("strongcache/memo: no want expectation went unmatched: are the memo fixtures there?")
	}
}

// quietT counts, without failing, analysistest's complaints about unmatched
// "want" expectations: with the rule off, none of them is expected to
// match. Every other complaint (a package that does not load, say) fails
// the test.
type quietT struct {
	*testing.T
	unmatched int
}

func (q *quietT) Errorf(format string, args ...any) {
	if strings.Contains(fmt.Sprintf(format, args...), ": no diagnostic was reported matching ") {
		q.unmatched++
		return
	}
	q.T.Helper()
	q.T.Errorf(format, args...)
}

// A call that rule 1 could report for either of two arguments, or two
// places, is reported for the same one on every run: the choice follows
// parameter and source order, not map iteration order (adv6 e_dom
// layout.go:57 alternated between two messages).
func TestDeterministicChoice(t *testing.T) {
	testdata := fixtures.Dir(t)
	for range 4 {
		analysistest.Run(t, testdata, strongcache.Analyzer, "strongcache/choice")
		if t.Failed() {
			return
		}
	}
}
