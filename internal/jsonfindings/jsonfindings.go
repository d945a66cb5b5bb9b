// Package jsonfindings runs weaklint -json on a module and lists its findings
// as sorted, comparable lines, for the tests that check another driver
// (golangci-lint's plugin, Bazel's nogo) finds exactly what weaklint finds.
package jsonfindings

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
)

// Run runs the weaklint binary with -json and flags on ./... in dir and
// returns one line per finding, "file:line:col: message (analyzer)", with
// file relative to dir, sorted. A package and its test variant report the
// same finding twice in -json output; it is listed once.
func Run(t testing.TB, weaklint, dir string, flags ...string) []string {
	t.Helper()
	cmd := exec.Command(weaklint, append(append([]string{"-json"}, flags...), "./...")...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("weaklint -json: %v\n%s", err, out)
	}
	findings, err := Parse(out, dir)
	if err != nil {
		t.Fatalf("weaklint -json: %v\n%s", err, out)
	}
	return findings
}

// Parse turns weaklint -json output (package → analyzer → diagnostics) into
// Run's lines, with positions made relative to dir where they are below it.
func Parse(out []byte, dir string) ([]string, error) {
	var tree map[string]map[string][]struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(out, &tree); err != nil {
		return nil, err
	}
	seen := make(map[string]bool)
	var findings []string
	for _, byAnalyzer := range tree {
		for name, diags := range byAnalyzer {
			for _, d := range diags {
				posn := d.Posn
				if rel, err := filepath.Rel(dir, posn); err == nil {
					posn = filepath.ToSlash(rel)
				}
				f := fmt.Sprintf("%s: %s (%s)", posn, d.Message, name)
				if !seen[f] {
					seen[f] = true
					findings = append(findings, f)
				}
			}
		}
	}
	sort.Strings(findings)
	return findings, nil
}
