package weakderef_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/weaklint/weaklint/analyzer/weakderef"
)

// TestStoredFields: a referent stored unchecked in a field of a long-lived
// object by one function and used by another without a nil check.
func TestStoredFields(t *testing.T) {
	analysistest.Run(t, testdata(t), weakderef.Analyzer, "weakderef/storedfields", "weakderef/storedfielduse")
}
