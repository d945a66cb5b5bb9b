package cleanupref_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/weaklint/weaklint/analyzer/cleanupref"
	"github.com/weaklint/weaklint/analyzer/internal/fixtures"
)

func testdata(t *testing.T) string { return fixtures.Dir(t) }

// TestAnalyzer checks the fixtures: every "// want" line is reported, and
// nothing else is.
func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testdata(t), cleanupref.Analyzer, "cleanupref/...")
}

// TestSuggestedFixes checks the rewrites against the .golden files.
func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), cleanupref.Analyzer, "cleanupref/fix")
}
