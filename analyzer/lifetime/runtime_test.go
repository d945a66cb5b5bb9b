package lifetime_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/weaklint/weaklint/analyzer/lifetime/testdata/witness"
)

// witnessBinary builds the witness command without the race detector:
// under -race the runtime gives every tiny object a block of its own
// (checkptr padding), and rule 1 could not be shown.
func witnessBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs a program")
	}
	bin := filepath.Join(t.TempDir(), "witness")
	out, err := exec.Command("go", "build", "-o", bin, "./testdata/witness/cmd/witness").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestRuntimeBehaviour runs every witness case and observes the runtime:
// what the analyzer reports never fires (kept, or refused by AddCleanup),
// dies at once (rule 4) or is released mid-use (rule 5); its quiet twins
// do not. This is the evidence behind the rules, on the Go version that
// runs the tests.
func TestRuntimeBehaviour(t *testing.T) {
	out, err := exec.Command(witnessBinary(t)).Output()
	if err != nil {
		t.Fatalf("witness: %v\n%s", err, out)
	}
	got := make([]witness.Outcome, len(witness.Cases))
	seen, cycles := 0, 0
	for sc := bufio.NewScanner(bytes.NewReader(out)); sc.Scan(); {
		var i int
		var name string
		if _, err := fmt.Sscan(sc.Text(), &i, &name); err == nil && i < len(got) {
			o, ok := witness.ParseOutcome(name)
			if !ok {
				t.Fatalf("witness: bad line %q", sc.Text())
			}
			got[i] = o
			seen++
		} else if _, err := fmt.Sscanf(sc.Text(), "cycles %d", &cycles); err != nil {
			t.Fatalf("witness: bad line %q", sc.Text())
		}
	}
	if seen != len(witness.Cases) {
		t.Fatalf("witness printed %d outcomes, want %d:\n%s", seen, len(witness.Cases), out)
	}
	for i, c := range witness.Cases {
		if got[i] != c.Want {
			t.Errorf("rule %d, %s: %v after %d GC cycles, want %v", c.Rule, c.Name, got[i], cycles, c.Want)
		}
		// What a report claims, per rule.
		var claim bool
		switch c.Rule {
		case 1, 2, 3:
			claim = c.Want == witness.Kept || c.Want == witness.Refused
		case 4:
			claim = c.Want == witness.Collected
		case 5:
			claim = c.Want == witness.Released
		}
		if c.Reported != claim {
			t.Errorf("rule %d, %s: reported = %v, but the runtime says %v", c.Rule, c.Name, c.Reported, c.Want)
		}
	}
	t.Logf("collectable cases collected within %d GC cycles", cycles)
}

// TestCheckFinalizers runs the tiny-object cleanup cases under
// GODEBUG=checkfinalizers=1: the runtime's own diagnosis names the 4-byte
// object of the reported case as sharing a tiny block, and neither the
// 16-byte twin nor the one with a pointer, then stops the program.
// (checkfinalizers looks at cleanups and finalizers, not weak pointers.)
func TestCheckFinalizers(t *testing.T) {
	cmd := exec.Command(witnessBinary(t), "-tiny")
	cmd.Env = append(os.Environ(), "GODEBUG=checkfinalizers=1")
	out, err := cmd.CombinedOutput()
	if err == nil || !bytes.Contains(out, []byte("fatal error: detected possible issues with cleanups and/or finalizers")) {
		t.Fatalf("witness -tiny: %v, want the checkfinalizers failure; output:\n%s", err, out)
	}
	tiny := regexp.MustCompile(`Value of type [\w/.]*witness\.(\w+) at 0x[0-9a-f]+\s+is in a tiny block with other \(possibly long-lived\) values`)
	var types []string
	for _, m := range tiny.FindAllSubmatch(out, -1) {
		types = append(types, string(m[1]))
	}
	if !slices.Contains(types, "token") {
		t.Errorf("checkfinalizers did not report the 4-byte token; output:\n%s", out)
	}
	if slices.Contains(types, "stamp") || slices.Contains(types, "named") {
		t.Errorf("checkfinalizers reported a 16-byte or pointerful object: %v", types)
	}
}
