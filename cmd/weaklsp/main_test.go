package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The test binary doubles as weaklsp, so that the editor test runs the
// server without building it.
func TestMain(m *testing.M) {
	if os.Getenv("WEAKLSP_TEST_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func TestVersionAndHelp(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		flag string
		want string
	}{
		{"-version", "weaklsp "},
		{"-help", "weakderef"},
	} {
		cmd := exec.Command(self, tc.flag)
		cmd.Env = append(os.Environ(), "WEAKLSP_TEST_RUN_MAIN=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("weaklsp %s: %v\n%s", tc.flag, err, out)
		}
		if !strings.Contains(string(out), tc.want) {
			t.Errorf("weaklsp %s printed %q, want it to contain %q", tc.flag, out, tc.want)
		}
	}
}

type nvimReport struct {
	Error   string `json:"error"`
	Stopped bool   `json:"stopped"`
	Steps   []struct {
		Name        string   `json:"name"`
		Waited      bool     `json:"waited"`
		Actions     []string `json:"actions"`
		Text        string   `json:"text"`
		Diagnostics []struct {
			Lnum    int    `json:"lnum"`
			Message string `json:"message"`
			Source  string `json:"source"`
			Code    any    `json:"code"`
		} `json:"diagnostics"`
	} `json:"steps"`
}

// requireEditorsEnv, set to 1 by .ci/run, turns a missing editor into a
// failure: in CI a skipped end-to-end test is not a pass.
const requireEditorsEnv = "WEAKLINT_REQUIRE_EDITORS"

// skipEditor skips t because an editor is missing, or fails it where
// requireEditorsEnv asks for the editors.
func skipEditor(t *testing.T, why string) {
	t.Helper()
	if os.Getenv(requireEditorsEnv) == "1" {
		t.Fatal(why + " (" + requireEditorsEnv + "=1 requires it)")
	}
	t.Skip(why)
}

// TestNeovim runs weaklsp under a real editor: headless Neovim opens a
// fixture, waits for weaklint's diagnostic, edits the unsaved buffer to fix
// it and sees it go, breaks the code again and sees a new one, then applies
// weakderef's quick fix for a re-call race and sees the diagnostic go.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		skipEditor(t, "nvim is not on PATH: install Neovim (apt-get install -y neovim) to run the editor end-to-end test")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs(filepath.Join("..", "..", "testdata", "lsp", "nvim"))
	if err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "e2e.lua"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	out := filepath.Join(tmp, "report.json")
	serverLog := filepath.Join(tmp, "server.log")
	cmdJSON, err := json.Marshal([]string{self, "-logfile", serverLog})
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-i", "NONE", "-c", "luafile "+script)
	cmd.Dir = root
	cmd.Env = append(os.Environ(),
		"WEAKLSP_TEST_RUN_MAIN=1", // inherited by the server Neovim starts
		"WEAKLSP_CMD="+string(cmdJSON),
		"WEAKLSP_FILE="+filepath.Join(root, "demo.go"),
		"WEAKLSP_ROOT="+root,
		"WEAKLSP_OUT="+out,
		"XDG_CACHE_HOME="+tmp, "XDG_STATE_HOME="+tmp, "XDG_DATA_HOME="+tmp, "XDG_CONFIG_HOME="+tmp,
	)
	cmd.WaitDelay = 10 * time.Second
	output, runErr := cmd.CombinedOutput()
	logTail := func() string {
		data, _ := os.ReadFile(serverLog)
		return string(data)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("no report from Neovim (%v, %v); its output:\n%s\nserver log:\n%s", runErr, err, output, logTail())
	}
	var report nvimReport
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("bad report %s: %v", data, err)
	}
	if report.Error != "" {
		t.Fatalf("the Neovim script failed: %s\nserver log:\n%s", report.Error, logTail())
	}

	wantCounts := map[string]int{"open": 1, "fix": 0, "break": 1, "recall": 1, "quickfix": 0}
	wantLines := map[string]int{"open": 11, "break": 22, "recall": 8}
	for _, step := range report.Steps {
		if !step.Waited {
			t.Errorf("step %s: timed out waiting for the diagnostics to change", step.Name)
		}
		if len(step.Diagnostics) != wantCounts[step.Name] {
			t.Errorf("step %s: %d diagnostics, want %d: %+v", step.Name, len(step.Diagnostics), wantCounts[step.Name], step.Diagnostics)
			continue
		}
		for _, d := range step.Diagnostics {
			if d.Source != "weaklint" || d.Code != "weakderef" || !strings.Contains(d.Message, "nil") || d.Lnum != wantLines[step.Name] {
				t.Errorf("step %s: diagnostic %+v, want source weaklint, code weakderef, line %d", step.Name, d, wantLines[step.Name])
			}
		}
	}
	for _, step := range report.Steps {
		switch step.Name {
		case "recall":
			if len(step.Actions) != 1 {
				t.Errorf("code actions for the re-call race: %q, want one quick fix", step.Actions)
			}
		case "quickfix":
			if !strings.Contains(step.Text, "if t := p.Value(); t != nil {\n\t\treturn t.Name") {
				t.Errorf("buffer after the quick fix:\n%s\nwant the checked value kept in a variable", step.Text)
			}
		}
	}
	if len(report.Steps) != 5 {
		t.Errorf("%d steps done, want 5", len(report.Steps))
	}
	if !report.Stopped {
		t.Errorf("the server did not stop when Neovim asked it to")
	}
	if t.Failed() {
		t.Logf("server log:\n%s", logTail())
	}
}

// TestEmacsEglot runs weaklsp under Emacs' eglot, the strictest client at
// hand, where it is installed (apt-get install emacs-nox elpa-eglot): the
// diagnostic appears, an unsaved fix clears it, shutdown is clean.
func TestEmacsEglot(t *testing.T) {
	emacs, err := exec.LookPath("emacs")
	if err != nil {
		skipEditor(t, "emacs is not on PATH: install emacs-nox and elpa-eglot to run this editor test")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "e2e-eglot.el"))
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs(filepath.Join("..", "..", "testdata", "lsp", "nvim"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	out, serverLog := filepath.Join(tmp, "report.json"), filepath.Join(tmp, "server.log")
	cmdJSON, err := json.Marshal([]string{self, "-logfile", serverLog})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, emacs, "--batch", "-q", "-l", script)
	cmd.Dir = root
	cmd.Env = append(os.Environ(),
		"WEAKLSP_TEST_RUN_MAIN=1",
		"WEAKLSP_CMD="+string(cmdJSON),
		"WEAKLSP_FILE="+filepath.Join(root, "demo.go"),
		"WEAKLSP_OUT="+out,
		"HOME="+tmp,
	)
	cmd.WaitDelay = 10 * time.Second
	output, runErr := cmd.CombinedOutput()
	logText := func() string { data, _ := os.ReadFile(serverLog); return string(data) }
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("no report from Emacs (%v, %v); its output:\n%s\nserver log:\n%s", runErr, err, output, logText())
	}
	var report struct {
		Error string `json:"error"`
		Steps []struct {
			Name        string `json:"name"`
			Waited      bool   `json:"waited"`
			Diagnostics []struct {
				Line int    `json:"line"`
				Text string `json:"text"`
			} `json:"diagnostics"`
		} `json:"steps"`
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("bad report %s: %v", data, err)
	}
	if strings.Contains(report.Error, "eglot-missing") {
		skipEditor(t, "eglot is not installed: apt-get install elpa-eglot to run this editor test")
	}
	if report.Error != "" {
		t.Fatalf("the Emacs script failed: %s\nserver log:\n%s", report.Error, logText())
	}
	want := map[string]int{"open": 1, "fix": 0}
	for _, step := range report.Steps {
		if !step.Waited || len(step.Diagnostics) != want[step.Name] {
			t.Errorf("step %s: waited %v, diagnostics %+v; want %d", step.Name, step.Waited, step.Diagnostics, want[step.Name])
		}
		for _, d := range step.Diagnostics {
			if d.Line != 12 || !strings.Contains(d.Text, "weaklint") || !strings.Contains(d.Text, "weakderef") {
				t.Errorf("step %s: diagnostic %+v, want weaklint's weakderef finding on line 12", step.Name, d)
			}
		}
	}
	if len(report.Steps) != 2 {
		t.Errorf("%d steps done, want 2", len(report.Steps))
	}
	if log := logText(); !strings.Contains(log, "shutdown") {
		t.Errorf("the server log shows no shutdown:\n%s", log)
	}
	if t.Failed() {
		t.Logf("server log:\n%s", logText())
	}
}
