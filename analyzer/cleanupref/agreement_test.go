package cleanupref_test

import (
	"testing"

	"github.com/weaklint/weaklint/analyzer/cleanupref"
	"github.com/weaklint/weaklint/analyzer/cleanupref/testdata/shapes"
	"github.com/weaklint/weaklint/analyzer/internal/agreement"
)

// TestAgreesWithRuntime runs the analyzer on the shapes that
// TestRuntimeBehaviour runs: it must report inside exactly the shapes
// marked Reported, which the runtime shows never run (or refuses).
func TestAgreesWithRuntime(t *testing.T) {
	var cases []agreement.Case
	for _, s := range shapes.Shapes {
		cases = append(cases, agreement.Case{Name: s.Name, Reported: s.Reported})
	}
	agreement.Check(t, cleanupref.Analyzer, "github.com/weaklint/weaklint/analyzer/cleanupref/testdata/shapes", "Shapes", cases)
}
