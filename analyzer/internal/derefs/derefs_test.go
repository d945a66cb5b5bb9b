package derefs_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/weaklint/weaklint/analyzer/internal/derefs"
	"github.com/weaklint/weaklint/analyzer/internal/fixtures"
)

func TestFacts(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), derefs.Analyzer, "derefs/getters", "derefs/nilsafe")
}
