package weakderef_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/weaklint/weaklint/analyzer/weakderef"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testdata(t), weakderef.Analyzer,
		"weakderef/basic", "weakderef/guards", "weakderef/wrappers", "weakderef/wrapuser", "weakderef/rw", "weakderef/review")
}

func TestRecallFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), weakderef.Analyzer, "weakderef/recall")
}
