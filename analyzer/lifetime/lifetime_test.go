package lifetime_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/weaklint/weaklint/analyzer/internal/fixtures"
	"github.com/weaklint/weaklint/analyzer/lifetime"
)

// TestAnalyzer checks the fixtures: every "// want" line is reported, and
// nothing else is.
func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), lifetime.Analyzer, "lifetime/...")
}

// TestSuggestedFixes checks the runtime.KeepAlive insertions against the
// .golden files.
func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixtures.Dir(t), lifetime.Analyzer, "lifetime/keepalive", "lifetime/cancel")
}
