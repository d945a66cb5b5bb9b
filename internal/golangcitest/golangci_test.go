//go:build unix

package golangcitest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/weaklint/weaklint/internal/jsonfindings"
	"github.com/weaklint/weaklint/internal/snippet"
)

// allAnalyzers is the analyzers setting of the fixture's .golangci.yml.
const allAnalyzers = "[weakderef, cleanupref, strongcache, lifetime, ignoredirective, unusedignore]"

func TestGolangciLint(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint (minutes when its packages are not in the build cache); CI runs it without -short")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	app := filepath.Join(root, "testdata", "modules", "ciapp")
	for snip, file := range map[string]string{
		".custom-gcl.yml": filepath.Join(root, ".custom-gcl.yml"),
		".golangci.yml":   filepath.Join(app, ".golangci.yml"),
	} {
		want, err := snippet.README(root, snip)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("the README's %s differs from %s:\n%s", snip, file, want)
		}
	}
	tmp := t.TempDir()

	gcl := buildGolangciLint(t, root, tmp)
	weaklint := filepath.Join(tmp, "weaklint")
	if out, err := goCmd(root, "build", "-o", weaklint, "./cmd/weaklint"); err != nil {
		t.Fatalf("go build weaklint: %v\n%s", err, out)
	}
	env := []string{"GOLANGCI_LINT_CACHE=" + filepath.Join(tmp, "gcl-cache")}

	t.Run("findings", func(t *testing.T) {
		got := golangciFindings(t, gcl, app, env)
		t.Logf("golangci-lint found:\n\t%s", strings.Join(got, "\n\t"))
		// The .golangci.yml turns strongcache.memo on.
		want := jsonfindings.Run(t, weaklint, app, "-strongcache.memo")
		const nolint = "users/users.go:25:23" // //nolint:weaklint
		i := slices.IndexFunc(want, func(f string) bool { return strings.HasPrefix(f, nolint) })
		if i < 0 {
			t.Fatalf("weaklint does not report %s, the line the fixture silences with //nolint:weaklint", nolint)
		}
		want = slices.Delete(want, i, i+1)
		if !slices.Equal(got, want) {
			t.Errorf("golangci-lint's findings are not weaklint's less the //nolint:weaklint line\ngolangci-lint:\n\t%s\nwant:\n\t%s",
				strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
		}
		for _, f := range []string{
			"users/users.go:11:34", // found through a fact of another module's package
			"users/users.go:31:23", // //nolint:errcheck names another linter
			"files/files.go:27:17",
			"memo/memo.go:32:2",    // strongcache.memo from the settings
			"files/files.go:42:20", // unusedignore: a //weaklint:ignore that silences nothing
		} {
			if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, f) }) {
				t.Errorf("golangci-lint did not report %s", f)
			}
		}
	})

	t.Run("settings", func(t *testing.T) {
		base, err := os.ReadFile(filepath.Join(app, ".golangci.yml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct{ name, from, to, want string }{
			{"unknown key", "memo: true", "memos: true", `unknown field "memos"`},
			{"unknown analyzer", allAnalyzers, "[weakderef, weakref]", `unknown analyzer "weakref"`},
		} {
			cfg := filepath.Join(tmp, strings.ReplaceAll(tc.name, " ", "-")+".yml")
			if !bytes.Contains(base, []byte(tc.from)) {
				t.Fatalf("%s: .golangci.yml has no %q", tc.name, tc.from)
			}
			if err := os.WriteFile(cfg, bytes.Replace(base, []byte(tc.from), []byte(tc.to), 1), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(gcl, "run", "--config", cfg, "./...")
			cmd.Dir = app
			cmd.Env = append(os.Environ(), env...)
			out, err := cmd.CombinedOutput()
			if err == nil || !strings.Contains(string(out), tc.want) {
				t.Errorf("%s: golangci-lint run: %v, output lacks %q:\n%s", tc.name, err, tc.want, out)
			}
		}
	})

	t.Run("only weakderef", func(t *testing.T) {
		base, err := os.ReadFile(filepath.Join(app, ".golangci.yml"))
		if err != nil {
			t.Fatal(err)
		}
		cfg := filepath.Join(tmp, "weakderef.yml")
		only := bytes.Replace(base, []byte(allAnalyzers), []byte("[weakderef]"), 1)
		only = bytes.Replace(only, []byte("memo: true"), []byte("memo: false"), 1)
		if err := os.WriteFile(cfg, only, 0o644); err != nil {
			t.Fatal(err)
		}
		got := golangciFindings(t, gcl, app, env, "--config", cfg)
		if len(got) == 0 {
			t.Fatal("no findings")
		}
		for _, f := range got {
			if !strings.HasSuffix(f, "(weakderef)") {
				t.Errorf("analyzers: [weakderef] reported %s", f)
			}
		}
	})
}

// buildGolangciLint builds golangci-lint with the plugin, once per test run,
// with the repository's .custom-gcl.yml, into tmp. Cold, this compiles all
// of golangci-lint; the build cache makes later runs quick. The build is
// stopped (its whole process group) if it would outlast the test's
// deadline, with a message that says how to warm the cache.
func buildGolangciLint(t *testing.T, root, tmp string) string {
	t.Helper()
	customgcl := filepath.Join(tmp, "customgcl")
	if out, err := goCmd(filepath.Join(root, "golangci"), "build", "-o", customgcl, "./cmd/customgcl"); err != nil {
		t.Fatalf("go build customgcl: %v\n%s", err, out)
	}
	ctx := context.Background()
	if deadline, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-time.Minute))
		defer cancel()
	}
	start := time.Now()
	cmd := exec.CommandContext(ctx, customgcl, "-o", tmp, "-work", filepath.Join(tmp, "work"), root)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var log bytes.Buffer
	cmd.Stderr = &log
	out, err := cmd.Output()
	if ctx.Err() != nil {
		t.Fatalf("building golangci-lint took longer than the test's -timeout allows (%v): warm the build cache first with `go -C golangci run ./cmd/customgcl -o $(mktemp -d) ..` (as .ci/run does), or give go test a longer -timeout", time.Since(start).Round(time.Second))
	}
	if err != nil {
		t.Fatalf("customgcl: %v\n%s", err, log.String())
	}
	t.Logf("built golangci-lint with the plugin in %v", time.Since(start).Round(time.Second))
	gcl := strings.TrimSpace(string(out))
	if filepath.Dir(gcl) != tmp {
		t.Fatalf("customgcl wrote %s, want it in %s", gcl, tmp)
	}
	return gcl
}

// golangciFindings runs golangci-lint on the module in dir and returns its
// findings as "file:line:col: message (analyzer)". golangci-lint names the
// linter, weaklint, in its issues and prefixes the analyzer's name to the
// message; that is turned into weaklint's form, so the two compare.
func golangciFindings(t *testing.T, gcl, dir string, env []string, args ...string) []string {
	t.Helper()
	report := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(gcl, append(append([]string{"run", "--output.json.path=" + report, "--path-mode=abs"}, args...), "./...")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	log, err := cmd.CombinedOutput()
	if err != nil && cmd.ProcessState.ExitCode() != 1 { // 1: issues found
		t.Fatalf("golangci-lint run: %v\n%s", err, log)
	}
	out, err := os.ReadFile(report)
	if err != nil {
		t.Fatalf("golangci-lint run wrote no report: %v\n%s", err, log)
	}
	var issues struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(out, &issues); err != nil {
		t.Fatalf("golangci-lint JSON: %v\n%s", err, out)
	}
	var findings []string
	for _, is := range issues.Issues {
		if is.FromLinter != "weaklint" {
			t.Errorf("issue from linter %s: %s", is.FromLinter, is.Text)
		}
		// A linter of several analyzers prefixes the analyzer's name.
		name, msg, ok := strings.Cut(is.Text, ": ")
		if !ok {
			t.Errorf("issue text without an analyzer's name: %s", is.Text)
		}
		file, err := filepath.Rel(dir, is.Pos.Filename)
		if err != nil {
			t.Fatal(err)
		}
		findings = append(findings, fmt.Sprintf("%s:%d:%d: %s (%s)", filepath.ToSlash(file), is.Pos.Line, is.Pos.Column, msg, name))
	}
	sort.Strings(findings)
	return findings
}

func goCmd(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	return cmd.CombinedOutput()
}
