package referents_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/weaklint/weaklint/analyzer/internal/fixtures"
	"github.com/weaklint/weaklint/analyzer/internal/referents"
)

// TestFacts checks the exported facts: chains of 30 functions declared in
// both orders, mutual recursion, methods and closures, across packages.
func TestFacts(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), referents.Analyzer,
		"referents/facts", "referents/chaina", "referents/chainb", "weakderef/checkhelpers", "weakderef/errkeys/store", "weakderef/iskeys/bufpool", "weakderef/callbacks/lib", "weakderef/ifaces/lib", "weakderef/okfields/lib", "weakderef/fieldok/lib", "weakderef/boxed/lib", "weakderef/embedded/lib", "weakderef/outparams/lib", "weakderef/yieldfields/lib")
}
