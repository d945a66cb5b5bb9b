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
	analysistest.Run(&partialT{T: t, skip: noFact}, testdata, strongcache.Analyzer, "strongcache/...")
}

// TestFacts checks the facts that the fixtures expect (Name:"fact"), which
// strongcache.Facts exports; their diagnostics are TestStrongcache's.
func TestFacts(t *testing.T) {
	testdata := fixtures.Dir(t)
	q := &partialT{T: t, skip: noDiagnostic}
	analysistest.Run(q, testdata, strongcache.Facts, "strongcache/...")
	if q.unmatched == 0 {
		t.Error("strongcache/...: no diagnostic expectation went unmatched: are the fixtures there?")
	}
}

// By default (-memo=false) only the rules about weak pointers run: the memo
// fixtures must be quiet, so the test fails if the default changes.
func TestMemoOffByDefault(t *testing.T) {
	testdata := fixtures.Dir(t)
	q := &partialT{T: t, skip: noDiagnostic}
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

// partialT counts, without failing, analysistest's complaints about one
// kind of unmatched "want" expectation (skip): the fixtures hold the
// expectations of two analyzers, strongcache's diagnostics and Facts'
// facts, and each test checks one kind. With the memo rule off, none of
// the memo fixtures' diagnostics is expected either. Every other complaint
// (a package that does not load, say) fails the test.
type partialT struct {
	*testing.T
	skip      string
	unmatched int
}

const (
	noDiagnostic = ": no diagnostic was reported matching "
	noFact       = ": no fact was reported matching "
)

func (q *partialT) Errorf(format string, args ...any) {
	if strings.Contains(fmt.Sprintf(format, args...), q.skip) {
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
		analysistest.Run(&partialT{T: t, skip: noFact}, testdata, strongcache.Analyzer, "strongcache/choice")
		if t.Failed() {
			return
		}
	}
}
