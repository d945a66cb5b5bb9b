package weakderef_test

import (
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
		// The adversarial round, once scored (adversarial_test.go), holds
		// case by case: each shape of issue 9 with its quiet look-alike.
		"weakderef/adv/sessions", "weakderef/adv/app", "weakderef/adv/local",
		"weakderef/checkuse", "weakderef/paths")
}

func TestRecallFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), weakderef.Analyzer, "weakderef/recall")
}
