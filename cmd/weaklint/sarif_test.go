package main_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sarifLog is the part of a SARIF log the tests read.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID      string `json:"id"`
					HelpURI string `json:"helpUri"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct{ StartLine, StartColumn int } `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Fixes               []json.RawMessage `json:"fixes"`
		} `json:"results"`
	} `json:"runs"`
}

// sarifLines parses a log and lists its results as the text output does
// (the fixture is ASCII, so UTF-16 columns are byte columns).
func sarifLines(t *testing.T, data []byte) []string {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("SARIF does not parse: %v\n%s", err, data)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("SARIF version %q with %d runs, want 2.1.0 with 1", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	var rules []string
	for _, r := range run.Tool.Driver.Rules {
		rules = append(rules, r.ID)
		if r.HelpURI == "" {
			t.Errorf("rule %s has no helpUri", r.ID)
		}
	}
	var lines []string
	for _, r := range run.Results {
		if !slices.Contains(rules, r.RuleID) {
			t.Errorf("result of rule %q, which is not among the rules %v", r.RuleID, rules)
		}
		if len(r.Locations) != 1 || len(r.PartialFingerprints) == 0 {
			t.Errorf("result %q: %d locations, fingerprints %v", r.Message.Text, len(r.Locations), r.PartialFingerprints)
			continue
		}
		if hasFix(r.Message.Text) && len(r.Fixes) == 0 {
			t.Errorf("result %q has no fix", r.Message.Text)
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("%s: uriBaseId %q, want %%SRCROOT%%", loc.ArtifactLocation.URI, loc.ArtifactLocation.URIBaseID)
		}
		lines = append(lines, fmt.Sprintf("%s:%d:%d: %s", loc.ArtifactLocation.URI, loc.Region.StartLine, loc.Region.StartColumn, r.Message.Text))
	}
	slices.Sort(lines)
	return lines
}

// TestSARIF: weaklint -sarif, and go vet -json converted by -sarif-from,
// give the findings of the text output, in a log that Microsoft's SARIF
// Multitool validates.
func TestSARIF(t *testing.T) {
	t.Parallel()
	dir := sharedModule(t, "weakbugs")
	r := standalone(t, dir, "-sarif", "./...")
	if r.code != exitClean {
		t.Errorf("weaklint -sarif: exit status %d, want %d (findings are the log's business)\n%s", r.code, exitClean, r.stderr)
	}
	assertLines(t, "weaklint -sarif", sarifLines(t, []byte(r.stdout)), wantExcept())
	logFile := filepath.Join(t.TempDir(), "weaklint.sarif")
	if err := os.WriteFile(logFile, []byte(r.stdout), 0o666); err != nil {
		t.Fatal(err)
	}

	v := vet(t, dir, nil, "-json", "./...")
	vetJSON := filepath.Join(t.TempDir(), "vet.json")
	if err := os.WriteFile(vetJSON, []byte(v.stdout), 0o666); err != nil {
		t.Fatal(err)
	}
	c := standalone(t, dir, "-sarif-from", vetJSON)
	if c.code != exitClean {
		t.Errorf("weaklint -sarif-from: exit status %d\n%s", c.code, c.stderr)
	}
	assertLines(t, "weaklint -sarif-from (go vet -json)", sarifLines(t, []byte(c.stdout)), wantExcept())

	validateSARIF(t, logFile)
}

// multitoolEnv names the installed SARIF Multitool (.ci/run sets it);
// requireMultitoolEnv=1 makes its absence a failure.
const (
	multitoolEnv        = "WEAKLINT_SARIF_MULTITOOL"
	requireMultitoolEnv = "WEAKLINT_REQUIRE_SARIF_MULTITOOL"
	multitoolPackage    = "@microsoft/sarif-multitool@5.7.0"
)

// validateSARIF runs Microsoft's SARIF Multitool on a log and fails on any
// error or warning it finds (notes are advice, like "add a snippet").
func validateSARIF(t *testing.T, logFile string) {
	t.Helper()
	var cmd []string
	if tool := os.Getenv(multitoolEnv); tool != "" {
		cmd = []string{tool}
	} else if npx, err := exec.LookPath("npx"); err == nil {
		cmd = []string{npx, "--yes", multitoolPackage}
	} else {
		why := "npx is not on PATH: install Node.js and npm (apt-get install nodejs npm) to validate the SARIF log with " + multitoolPackage
		if os.Getenv(requireMultitoolEnv) == "1" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	report := filepath.Join(t.TempDir(), "validation.sarif")
	args := append(cmd[1:], "validate", logFile, "--output", report, "--log", "ForceOverwrite", "--level", "Error", "Warning")
	out, err := exec.Command(cmd[0], args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", cmd[0], args, err, out)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatalf("the Multitool wrote no report: %v\n%s", err, out)
	}
	var validation struct {
		Runs []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &validation); err != nil || len(validation.Runs) == 0 {
		t.Fatalf("the Multitool's report does not parse (%v):\n%s", err, data)
	}
	if res := validation.Runs[0].Results; len(res) > 0 {
		t.Errorf("the SARIF Multitool finds %d problem(s) in the log:\n%s", len(res), out)
	}
}

// TestJSONOnce: a package with tests is analyzed twice (the package and its
// test variant); -json lists each diagnostic once.
func TestJSONOnce(t *testing.T) {
	t.Parallel()
	dir := module(t, "weakbugs")
	test := "package cache\n\nimport \"testing\"\n\nfunc TestGet(t *testing.T) { _ = New() }\n"
	if err := os.WriteFile(filepath.Join(dir, "cache", "cache_test.go"), []byte(test), 0o666); err != nil {
		t.Fatal(err)
	}
	r := standalone(t, dir, "-json", "./cache")
	var tree map[string]map[string][]struct{ Posn, Message string }
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatalf("weaklint -json: %v\n%s", err, r.stdout)
	}
	var got []string
	for _, byAnalyzer := range tree {
		for _, diags := range byAnalyzer {
			for _, d := range diags {
				got = append(got, d.Posn+": "+d.Message)
			}
		}
	}
	slices.Sort(got)
	var want []string
	for _, l := range wantExcept() {
		if strings.HasPrefix(l, "cache/") {
			want = append(want, l)
		}
	}
	assertLines(t, "weaklint -json ./cache (with a test file)", got, want)
}

// TestFixLeftovers: -fix applies what it can and lists, with exit status 3,
// the findings it could not fix.
func TestFixLeftovers(t *testing.T) {
	t.Parallel()
	dir := module(t, "weakbugs")
	r := standalone(t, dir, "-fix", "./...")
	if r.code != exitDiagnostics {
		t.Errorf("weaklint -fix ./...: exit status %d, want %d\n%s", r.code, exitDiagnostics, r.stderr)
	}
	var left []string // all but the findings with a fix: the race, the missing KeepAlive, stale directives
	for _, l := range wantExcept("unusedignore") {
		if !strings.HasPrefix(l, "race/") && !strings.HasPrefix(l, "useh/") {
			// The stale directive on line 16 of ignored.go was removed
			// with its line: the typo below it moved up.
			left = append(left, strings.Replace(l, "ignored/ignored.go:23:", "ignored/ignored.go:22:", 1))
		}
	}
	var got []string
	for _, l := range r.lines() {
		if !strings.HasPrefix(l, "weaklint: -fix left") {
			got = append(got, l)
		}
	}
	assertLines(t, "weaklint -fix ./...", got, left)
	if data, _ := os.ReadFile(filepath.Join(dir, "race", "race.go")); !strings.Contains(string(data), raceFixed) {
		t.Errorf("weaklint -fix ./... did not fix race.go:\n%s", data)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "useh", "useh.go")); !strings.Contains(string(data), usehFixed) || !strings.Contains(string(data), "\t\"runtime\"\n") {
		t.Errorf("weaklint -fix ./... did not fix useh.go:\n%s", data)
	}
}
