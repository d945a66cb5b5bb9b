package runtimeweak

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The runtime can check, at each collection, that no cleanup or cleanup
// argument reaches its object and that no cleanup sits in a tiny block
// (GODEBUG=checkfinalizers=1): it stops the program if one does. This test
// runs the other tests again under that checker, so a cleanup that pins its
// object fails the suite instead of leaking silently.
func TestRuntimeCleanupChecker(t *testing.T) {
	const nested = "RUNTIMEWEAK_UNDER_CHECKFINALIZERS"
	if os.Getenv(nested) != "" {
		t.Skip("already running under the checker")
	}
	if testing.Short() {
		t.Skip("runs the whole suite again")
	}
	cmd := exec.Command(os.Args[0], "-test.count=1",
		"-test.skip=TestKeyMapValueReachingKeyPinsIt|TestRuntimeCleanupChecker")
	cmd.Env = append(os.Environ(), "GODEBUG=checkfinalizers=1", nested+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		var report []string
		for line := range strings.Lines(string(out)) {
			if !strings.HasPrefix(line, "checkfinalizers: queue:") {
				report = append(report, line)
			}
		}
		t.Fatalf("tests under GODEBUG=checkfinalizers=1: %v\n%s", err, strings.Join(report, ""))
	}
}
