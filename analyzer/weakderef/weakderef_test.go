package weakderef_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/weaklint/weaklint/analyzer/internal/fixtures"
	"github.com/weaklint/weaklint/analyzer/weakderef"
)

func testdata(t *testing.T) string { return fixtures.Dir(t) }

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testdata(t), weakderef.Analyzer,
		"weakderef/basic", "weakderef/guards", "weakderef/wrappers", "weakderef/wrapuser", "weakderef/rw", "weakderef/review",
		"referents/chainc",
		// Shapes of public code that were judged wrongly (pubcode/*.go says where).
		"weakderef/pubcode",
		// The adversarial round, once scored (adversarial_test.go), holds
		// case by case: each shape of issue 9 with its quiet look-alike.
		"weakderef/adv/sessions", "weakderef/adv/app", "weakderef/adv/local",
		"weakderef/checkuse", "weakderef/paths", "weakderef/funcfields", "weakderef/errwrap", "weakderef/flags", "weakderef/okconj", "weakderef/okmerge", "weakderef/errorsis", "weakderef/methodvalues", "weakderef/captured", "weakderef/errkeys/app", "weakderef/iskeys/btree", "weakderef/heapfields", "weakderef/callbacks/app",
		"weakderef/gonepaths", "weakderef/ifaces/local", "weakderef/ifaces/app", "weakderef/ifaces/fake", "weakderef/resultfields", "weakderef/okfields/app", "weakderef/elems", "weakderef/iterrecv", "weakderef/deferstore", "weakderef/ptreq", "weakderef/fieldok/app",
		"weakderef/rejectargs/docs", "weakderef/rejectargs/app", "weakderef/localslices",
		"weakderef/boxed", "weakderef/boxed/app", "weakderef/embedded", "weakderef/embedded/app", "weakderef/outparams/app", "weakderef/typeparams", "weakderef/chanfields", "weakderef/oncefields",
		"weakderef/onces", "weakderef/cmpor", "weakderef/genericrepo/store", "weakderef/genericrepo/app", "weakderef/errphi",
		"weakderef/chans", "weakderef/asserted", "weakderef/yieldfields/app", "weakderef/backedges")
}

// TestNilSafe: another package's nil-safe getters (package nilsafe's rule,
// facts from derefs in a package without weak code) are not uses of a
// possibly reclaimed referent; its other methods are.
func TestNilSafe(t *testing.T) {
	analysistest.Run(t, testdata(t), weakderef.Analyzer, "weakderef/nilsafe")
}

// TestDerefParams: another package's functions that dereference a pointer
// parameter on every path (package nilsafe's rule, facts from derefs in a
// package without weak code) use a possibly reclaimed referent passed to
// them; those that check it for nil or use it in a branch only do not.
func TestDerefParams(t *testing.T) {
	analysistest.Run(t, testdata(t), weakderef.Analyzer, "weakderef/derefparams")
}

func TestRecallFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), weakderef.Analyzer, "weakderef/recall")
}

// TestRecallFixStopsAtNextCheck: the fix for a re-call after `if p.Value()
// == nil { return }` replaces the calls up to the next nil check of the same
// call, not to the end of the block (whose own diagnostic's fix covers what
// follows): n check-and-use pairs would otherwise make O(n²) edits. The
// merged fixes are the same either way (recall.go.golden), so this looks at
// the first fix of recallChecksAgain alone.
func TestRecallFixStopsAtNextCheck(t *testing.T) {
	results := analysistest.Run(t, testdata(t), weakderef.Analyzer, "weakderef/recall")
	for _, res := range results {
		for _, d := range res.Diagnostics {
			posn := res.Pass.Fset.Position(d.Pos)
			src, err := os.ReadFile(posn.Filename)
			if err != nil {
				t.Fatal(err)
			}
			line := strings.Split(string(src), "\n")[posn.Line-1]
			if !strings.Contains(line, "s := p.Value().Name") {
				continue
			}
			if len(d.SuggestedFixes) != 1 {
				t.Fatalf("%v: %d fixes, want 1", posn, len(d.SuggestedFixes))
			}
			// The declaration, the checked call and the use.
			var got []string
			for _, e := range d.SuggestedFixes[0].TextEdits {
				got = append(got, fmt.Sprintf("%d:%q", res.Pass.Fset.Position(e.Pos).Line, e.NewText))
			}
			if len(got) != 3 {
				t.Errorf("fix edits %v, want the declaration, the checked call and the use before the next check", got)
			}
			return
		}
	}
	t.Fatal("no diagnostic at recallChecksAgain's first use")
}

// TestNilResultGuards: a branch on the result of another package's
// nil-safe method that excludes the constant it returns for nil guards the
// receiver (derefs' NilResults); one that keeps that constant does not.
func TestNilResultGuards(t *testing.T) {
	analysistest.Run(t, testdata(t), weakderef.Analyzer, "weakderef/nilguard")
}
