package weakderef_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/weaklint/weaklint/analyzer/weakderef"
)

// TestStoredFields: a referent stored unchecked in a field of a long-lived
// object by one function and used by another without a nil check.
func TestStoredFields(t *testing.T) {
	analysistest.Run(t, testdata(t), weakderef.Analyzer, "weakderef/storedfields", "weakderef/storedfielduse")
}

// TestElemFields: a referent in a pointer field of the structs a slice
// result holds, read in another package. The fixture is a module of Go
// 1.26 (analysistest's module mode), where a range variable is a copy per
// iteration: j.Target reads the copy.
func TestElemFields(t *testing.T) {
	analysistest.Run(t, filepath.Join(testdata(t), "src", "weakderef", "elemfields"), weakderef.Analyzer, "./...")
}
