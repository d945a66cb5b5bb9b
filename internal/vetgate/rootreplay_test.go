package vetgate

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRootReplaysTwin plays the units of package wrap of the replay module
// (testdata/modules/replay) as go vet runs them, with the weaklint binary:
// its dependency unit recompiled for base's test type-checks first, and
// records what a root unit prints; wrap's root unit then replays it
// instead of type-checking: the same stdout file, output and exit status,
// byte for byte, as the root unit without the gate, with -json (positions,
// suggested fixes) and without (text on stderr, exit status 1). A root unit
// whose key differs (other flags, which may change what it prints) does
// not replay.
func TestRootReplaysTwin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds weaklint and runs go vet")
	}
	bin := buildWeaklint(t)
	root, twin, pkgDir := replayUnits(t, bin)
	for _, flags := range [][]string{{"-json"}, {}} {
		t.Run(strings.Join(append([]string{"flags"}, flags...), " "), func(t *testing.T) {
			want := runUnit(t, bin, pkgDir, root, flags, NoGateEnv+"=1")
			if want.code != 0 && len(flags) > 0 || want.code != 1 && len(flags) == 0 {
				t.Fatalf("root unit without the gate: exit %d, output:\n%s", want.code, want.output)
			}
			if !bytes.Contains(append(want.stdout, want.output...), []byte("wrap.go:15:13")) {
				t.Fatalf("root unit without the gate printed no finding:\nstdout file:\n%s\noutput:\n%s", want.stdout, want.output)
			}
			if len(flags) > 0 && !bytes.Contains(want.stdout, []byte(`"suggested_fixes"`)) {
				t.Fatalf("root unit without the gate: no suggested fix in\n%s", want.stdout)
			}
			os.RemoveAll(filepath.Join(runWorkDir(root), "weaklint-facts"))

			dep := runUnit(t, bin, pkgDir, twin, flags)
			if dep.code != 0 || len(dep.output) != 0 || !strings.HasPrefix(dep.log, "full ") {
				t.Fatalf("dependency unit: exit %d, output %q, gate log %q; want a silent full unit", dep.code, dep.output, dep.log)
			}
			got := runUnit(t, bin, pkgDir, root, flags)
			if !strings.HasPrefix(got.log, "reuse ") || !strings.Contains(got.log, "replays") {
				t.Errorf("root unit after its twin: gate log %q, want a replay", got.log)
			}
			if got.code != want.code || !bytes.Equal(got.output, want.output) ||
				got.hasStdout != want.hasStdout || !bytes.Equal(got.stdout, want.stdout) {
				t.Errorf("root unit replayed exit %d, output:\n%s\nstdout file (%v):\n%s\nwant exit %d, output:\n%s\nstdout file (%v):\n%s",
					got.code, got.output, got.hasStdout, got.stdout, want.code, want.output, want.hasStdout, want.stdout)
			}

			// Other flags, another key: the root type-checks. (Without
			// -json, -c=1 prints a line of context after each finding.)
			other := runUnit(t, bin, pkgDir, root, append([]string{"-c=1"}, flags...))
			if !strings.HasPrefix(other.log, "full ") {
				t.Errorf("root unit with other flags than its twin: gate log %q, want full", other.log)
			}
		})
	}
}

// unitRun is what one run of a vet unit did.
type unitRun struct {
	code      int
	output    []byte // stdout and stderr
	stdout    []byte // the unit's stdout file
	hasStdout bool
	log       string // the gate log's line
}

// runUnit runs weaklint on the unit's config in the package's directory, as
// go vet does.
func runUnit(t *testing.T, bin, dir string, cfg *config, flags []string, env ...string) unitRun {
	t.Helper()
	os.Remove(cfg.Stdout)
	os.Remove(cfg.VetxOutput)
	gateLog := filepath.Join(t.TempDir(), "gate.log")
	cmd := exec.Command(bin, append(append([]string(nil), flags...), filepath.Join(filepath.Dir(cfg.VetxOutput), "vet.cfg"))...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), LogEnv+"="+gateLog), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	var r unitRun
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			t.Fatal(err)
		}
		r.code = exitErr.ExitCode()
	}
	r.output = out.Bytes()
	var err error
	r.stdout, err = os.ReadFile(cfg.Stdout)
	r.hasStdout = err == nil
	if data, err := os.ReadFile(gateLog); err == nil {
		r.log = string(data)
	}
	if !vetxComplete(cfg.VetxOutput) {
		t.Fatalf("%s %v: no vetx file written; output:\n%s", cfg.ID, flags, r.output)
	}
	return r
}

// replayUnits runs go vet on a copy of the replay module without the gate,
// keeping its work directory, and returns the configs of wrap's root unit
// and of its dependency unit recompiled for base's test, whose outputs
// (and their dependencies') are there, and wrap's directory.
func replayUnits(t *testing.T, bin string) (root, twin *config, pkgDir string) {
	t.Helper()
	mod := filepath.Join(t.TempDir(), "replay")
	if err := os.CopyFS(mod, os.DirFS(filepath.Join("..", "..", "testdata", "modules", "replay"))); err != nil {
		t.Fatal(err)
	}
	vet := exec.Command("go", "vet", "-work", "-vettool="+bin, "./...")
	vet.Dir = mod
	vet.Env = append(os.Environ(), NoGateEnv+"=1", "GOFLAGS=", "GOWORK=off")
	out, _ := vet.CombinedOutput() // exit status 1: findings
	var work string
	for _, line := range strings.Split(string(out), "\n") {
		if w, ok := strings.CutPrefix(line, "WORK="); ok {
			work = w
		}
	}
	if work == "" {
		t.Fatalf("go vet -work printed no work directory:\n%s", out)
	}
	t.Cleanup(func() { os.RemoveAll(work) })
	cfgs, err := fs.Glob(os.DirFS(work), "b*/vet.cfg")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range cfgs {
		cfg, err := readConfig(filepath.Join(work, name))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.ImportPath != "example.com/replay/wrap" {
			continue
		}
		if cfg.VetxOnly {
			twin = cfg
		} else {
			root = cfg
		}
	}
	if root == nil || twin == nil {
		t.Fatalf("go vet ran no root unit and dependency unit of wrap (configs %v):\n%s", cfgs, out)
	}
	var fields map[string]json.RawMessage
	json.Unmarshal(root.data, &fields)
	json.Unmarshal(fields["Dir"], &pkgDir)
	return root, twin, pkgDir
}

// buildWeaklint builds the weaklint command into a temporary directory.
func buildWeaklint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "weaklint")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/weaklint/weaklint/cmd/weaklint").CombinedOutput(); err != nil {
		t.Fatalf("building weaklint: %v\n%s", err, out)
	}
	return bin
}
