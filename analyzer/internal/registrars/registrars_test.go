package registrars_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/weaklint/weaklint/analyzer/internal/fixtures"
	"github.com/weaklint/weaklint/analyzer/internal/registrars"
)

// TestFacts checks the wrappers found: forwarding shapes, closures run by
// sync.Once and helpers, chains declared caller-first and recursion.
func TestFacts(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), registrars.Analyzer, "registrars/wrap", "registrars/once", "registrars/ifacemethod")
}
