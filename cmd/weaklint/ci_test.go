package main_test

// The README's CI examples, run as far as possible offline: the GitHub
// Actions workflow's commands and the pre-commit hook, on the fixture
// module, with the binary under test standing in for go install ...@latest.
// The commands are read from the files, so the examples cannot drift.

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const workflowFile = "../../.github/workflows/weaklint.yml"

// readmeBlock returns the first fenced code block of the README after the
// first line that contains marker.
func readmeBlock(t *testing.T, marker string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(data), marker)
	if !ok {
		t.Fatalf("README.md has no %q", marker)
	}
	_, block, ok := strings.Cut(after, "```")
	if ok {
		_, block, ok = strings.Cut(block, "\n") // the info string
	}
	if ok {
		block, _, ok = strings.Cut(block, "```")
	}
	if !ok {
		t.Fatalf("README.md has no code block after %q", marker)
	}
	return block
}

// yamlValues returns, in order, the single-line values of key in a YAML
// text (enough for the examples, which keep each command on one line).
func yamlValues(t *testing.T, text, key string) []string {
	t.Helper()
	var values []string
	re := regexp.MustCompile(`^\s*(?:- )?` + regexp.QuoteMeta(key) + `:\s*(.*)$`)
	for _, line := range strings.Split(text, "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			v := strings.TrimSpace(m[1])
			if v == "|" || v == ">" || v == "" {
				t.Fatalf("%s: a multi-line value; keep the example's commands on one line each", line)
			}
			values = append(values, v)
		}
	}
	return values
}

// installedBin returns a directory holding the binary under test as
// weaklint: what go install github.com/weaklint/weaklint/cmd/weaklint@latest
// leaves on PATH.
func installedBin(t *testing.T) string {
	t.Helper()
	bin := t.TempDir()
	data, err := os.ReadFile(weaklint)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bin, "weaklint"), data, 0o777); err != nil {
		t.Fatal(err)
	}
	return bin
}

// shell runs a command line with bash in dir, with bin first on PATH.
func shell(t *testing.T, dir, bin, line string, env ...string) result {
	t.Helper()
	path := "PATH=" + os.Getenv("PATH")
	if bin != "" {
		path = "PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")
	}
	return run(t, dir, append([]string{path}, env...), "bash", "-c", line)
}

// TestGitHubWorkflow runs the workflow's commands (the README shows the
// same file) on the fixture module: the SARIF step writes a valid log of
// every finding and succeeds, so the upload step runs; the go vet step
// fails on the findings, and fails loudly where weaklint is not installed.
func TestGitHubWorkflow(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(workflowFile)
	if err != nil {
		t.Fatal(err)
	}
	workflow := string(data)
	if readme := readmeBlock(t, ".github/workflows/weaklint.yml"); readme != workflow {
		t.Errorf("the README's workflow differs from %s:\n%s", workflowFile, readme)
	}
	runs := yamlValues(t, workflow, "run")
	const install = "go install github.com/weaklint/weaklint/cmd/weaklint@latest"
	if len(runs) != 3 || runs[0] != install {
		t.Fatalf("workflow commands %q: want %q, a SARIF step and a go vet step", runs, install)
	}
	sarifStep, vetStep := runs[1], runs[2]
	if files := yamlValues(t, workflow, "sarif_file"); len(files) != 1 || !strings.Contains(sarifStep, "> "+files[0]) {
		t.Fatalf("the upload step's sarif_file %q is not what %q writes", files, sarifStep)
	}
	sarifFile := yamlValues(t, workflow, "sarif_file")[0]

	dir := module(t, "weakbugs")
	bin := installedBin(t)
	r := shell(t, dir, bin, sarifStep)
	if r.code != exitClean {
		t.Errorf("%s: exit status %d, want %d so that the upload runs\n%s", sarifStep, r.code, exitClean, r.stderr)
	}
	log, err := os.ReadFile(filepath.Join(dir, sarifFile))
	if err != nil {
		t.Fatal(err)
	}
	assertLines(t, sarifStep, sarifLines(t, log), wantExcept())
	validateSARIF(t, filepath.Join(dir, sarifFile))

	r = shell(t, dir, bin, vetStep)
	if r.code != vetExitFailure {
		t.Errorf("%s: exit status %d, want %d", vetStep, r.code, vetExitFailure)
	}
	assertLines(t, vetStep, r.lines(), wantExcept())

	// Without weaklint on PATH, the step fails instead of running plain vet.
	if r := shell(t, dir, "", vetStep, "PATH=/usr/bin:/bin:"+filepath.Dir(goTool(t))); r.code == 0 || !strings.Contains(r.stderr, "weaklint-is-not-on-PATH") {
		t.Errorf("%s without weaklint installed: exit status %d, output:\n%s\nwant a failure naming weaklint-is-not-on-PATH", vetStep, r.code, r.stderr)
	}
}

func goTool(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// preCommitEnv=1 (set by .ci/run, which installs pre-commit) makes a
// missing pre-commit a failure.
const requirePreCommitEnv = "WEAKLINT_REQUIRE_PRECOMMIT"

// TestPreCommit runs the README's pre-commit configuration with pre-commit
// itself (a local hook: nothing is fetched) on the fixture module, as a
// git repository: the hook fails and prints the findings.
func TestPreCommit(t *testing.T) {
	t.Parallel()
	config := readmeBlock(t, ".pre-commit-config.yaml")
	preCommit, err := exec.LookPath("pre-commit")
	if err != nil {
		why := "pre-commit is not on PATH: apt-get install pre-commit to run the README's hook"
		if os.Getenv(requirePreCommitEnv) == "1" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	dir := module(t, "weakbugs")
	if err := os.WriteFile(filepath.Join(dir, ".pre-commit-config.yaml"), []byte(config), 0o666); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	env := []string{"HOME=" + home, "PRE_COMMIT_HOME=" + filepath.Join(home, "pre-commit"),
		"GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com"}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}} {
		if r := run(t, dir, env, "git", args...); r.code != 0 {
			t.Fatalf("git %v: %s", args, r.stderr)
		}
	}
	bin := installedBin(t)
	r := shell(t, dir, bin, preCommit+" run --all-files --color never", env...)
	if r.code == 0 {
		t.Errorf("pre-commit run: exit status 0 on a module with findings; output:\n%s%s", r.stdout, r.stderr)
	}
	out := r.stdout + r.stderr
	for _, line := range wantExcept() {
		if !strings.Contains(out, line) {
			t.Errorf("pre-commit run: output lacks %q:\n%s", line, out)
		}
	}
}
