package lifetime_test

import (
	"testing"

	"github.com/weaklint/weaklint/analyzer/internal/agreement"
	"github.com/weaklint/weaklint/analyzer/lifetime"
	"github.com/weaklint/weaklint/analyzer/lifetime/testdata/witness"
)

// TestAgreesWithRuntime runs the analyzer on the cases that
// TestRuntimeBehaviour runs: it must report inside exactly the cases
// marked Reported, whose failure the runtime shows (or cannot show, which
// the case says).
func TestAgreesWithRuntime(t *testing.T) {
	var cases []agreement.Case
	for _, c := range witness.Cases {
		cases = append(cases, agreement.Case{Name: c.Name, Reported: c.Reported})
	}
	agreement.Check(t, lifetime.Analyzer, "github.com/weaklint/weaklint/analyzer/lifetime/testdata/witness", "Cases", cases)
}
