package weaktest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// diagnoseEnv names the check a subprocess reruns: "<test name>\t<index>",
// the index counting the weaktest checks made by one run of that test.
const diagnoseEnv = "WEAKTEST_DIAGNOSE"

// childDone is printed by a subprocess whose check finished without the
// runtime reporting a problem.
const childDone = "weaktest: subprocess check done"

var (
	callsMu sync.Mutex
	calls   = map[string]int{}
)

// nextCall numbers the weaktest checks made by one run of a test, so that a
// subprocess can find the same check again. Checks are counted by test name
// (a test may pass several testing.TB values that share its name), from 0
// again in each run of the test.
func nextCall(t testing.TB) int {
	callsMu.Lock()
	defer callsMu.Unlock()
	name := t.Name()
	n, seen := calls[name]
	if !seen {
		t.Cleanup(func() {
			callsMu.Lock()
			delete(calls, name)
			callsMu.Unlock()
		})
	}
	calls[name] = n + 1
	return n
}

// childRole tells a check how to behave: normally (not a subprocess), skip
// its body (a subprocess rerunning a later check), or run its body as the
// diagnosed check (target).
type childRole int

const (
	parent childRole = iota
	skip
	target
)

func roleOf(t testing.TB, call int) childRole {
	want, ok := os.LookupEnv(diagnoseEnv)
	if !ok {
		return parent
	}
	if want == t.Name()+"\t"+strconv.Itoa(call) {
		return target
	}
	return skip
}

// finishChild ends a subprocess after its target check: the runtime would
// already have thrown had it found a problem.
func finishChild() {
	fmt.Fprintln(os.Stderr, childDone)
	os.Exit(0)
}

// runChild reruns check number call of the current test in a subprocess
// with GODEBUG=checkfinalizers=1 and returns what the runtime reported:
// found is false if the check ran to its end without a report, and why
// explains when no answer could be had.
func runChild(t testing.TB, call int) (report string, found bool, why string) {
	exe, err := os.Executable()
	if err != nil {
		return "", false, "cannot rerun the test binary: " + err.Error()
	}
	args := []string{"-test.count=1", "-test.timeout=2m"}
	if _, isB := t.(*testing.B); isB {
		args = append(args, "-test.run=^$", "-test.bench="+namePattern(t.Name()), "-test.benchtime=1x")
	} else {
		args = append(args, "-test.run="+namePattern(t.Name()))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, args...)
	godebug := "checkfinalizers=1"
	if old := os.Getenv("GODEBUG"); old != "" {
		godebug = old + "," + godebug
	}
	cmd.Env = append(os.Environ(), diagnoseEnv+"="+t.Name()+"\t"+strconv.Itoa(call), "GODEBUG="+godebug)
	out, _ := cmd.CombinedOutput() // a runtime report ends the process with an error
	return parseChild(string(out))
}

// namePattern is a -test.run pattern matching exactly the test (or subtest)
// with the given name.
func namePattern(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	return strings.Join(parts, "/")
}

// parseChild extracts the runtime's report from a subprocess's output.
func parseChild(out string) (report string, found bool, why string) {
	const start = "WARNING: LIKELY CLEANUP/FINALIZER ISSUES"
	if i := strings.Index(out, start); i >= 0 {
		rest := out[i+len(start):]
		if j := strings.Index(rest, "fatal error:"); j >= 0 {
			rest = rest[:j]
		}
		var lines []string
		for line := range strings.Lines(rest) {
			line = strings.TrimRight(line, "\n")
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "checkfinalizers:") {
				continue
			}
			lines = append(lines, "\t"+line)
		}
		return strings.Join(lines, "\n"), true, ""
	}
	if strings.Contains(out, childDone) {
		return "", false, ""
	}
	return "", false, "the subprocess did not reach the check (does the test run the same way every time?)"
}
