package weakderef_test

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/weaklint/weaklint/analyzer/weakderef"
)

// recorder collects analysistest's complaints instead of failing.
type recorder struct{ msgs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

// TestAdversarial scores weakderef on application-style code written apart
// from the other fixtures (testdata/src/weakderef/adv): every `// want` is a
// real bug, every other line must stay quiet. The score is logged (the bar comes
// with the fixes).
func TestAdversarial(t *testing.T) {
	var rec recorder
	results := analysistest.Run(&rec, testdata(t), weakderef.Analyzer,
		"weakderef/adv/sessions", "weakderef/adv/app", "weakderef/adv/local")
	reports := 0
	for _, r := range results {
		reports += len(r.Diagnostics)
	}
	missed, false_ := 0, 0
	for _, m := range rec.msgs {
		switch {
		case strings.Contains(m, "no diagnostic was reported matching"):
			missed++
		case strings.Contains(m, "unexpected diagnostic"):
			false_++
		default:
			continue
		}
		t.Log(m)
	}
	wanted := reports - false_ + missed
	t.Logf("found %d/%d wanted, %d false of %d reports", wanted-missed, wanted, false_, reports)
}
