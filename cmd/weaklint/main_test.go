package main_test

// End-to-end tests: build the weaklint binary, run it standalone and as
// go vet's -vettool on the fixture modules in ../../testdata/modules, and
// compare what a user sees: diagnostics, exit status, JSON, fixes, errors.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/weaklint/weaklint/analyzer"
	"github.com/weaklint/weaklint/internal/vetgate"
)

// weaklint is the binary under test, built once by TestMain from
// commandSources, the files of this module that go into it.
var (
	weaklint       string
	commandSources []string
	sharedRoot     string // where sharedModule copies fixture modules
)

// noteSources stats the command's sources: go test caches a test's result
// by its binary and the files the test opened (while tests run, not in
// TestMain), and cannot see what go build read.
var noteSources = sync.OnceFunc(func() {
	for _, file := range commandSources {
		os.Stat(file)
	}
})

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "weaklint-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	weaklint = filepath.Join(dir, "weaklint")
	sharedRoot = filepath.Join(dir, "modules")
	sources, err := exec.Command("go", "list", "-deps", "-f",
		`{{if .Module}}{{if .Module.Main}}{{range .GoFiles}}{{$.Dir}}/{{.}}{{"\n"}}{{end}}{{end}}{{end}}`, ".").Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "go list:", err)
		os.Exit(1)
	}
	commandSources = strings.Fields(string(sources))
	build := exec.Command("go", "build", "-o", weaklint, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building weaklint:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// A result is what one command printed and its exit status. Paths in the
// output are relative to the module directory, as go vet prints them.
type result struct {
	stdout, stderr string
	code           int
}

// lines returns the non-empty stderr lines except go vet's "# package"
// headers, sorted: go vet runs packages in parallel.
func (r result) lines() []string {
	var out []string
	for _, l := range strings.Split(r.stderr, "\n") {
		if l != "" && !strings.HasPrefix(l, "# ") {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

// module copies the fixture module name into a temporary directory, so that
// -fix can change it and paths do not depend on where the repository is.
func module(t *testing.T, name string) string {
	t.Helper()
	dst := t.TempDir()
	copyModule(t, name, dst)
	return dst
}

func copyModule(t *testing.T, name, dst string) {
	t.Helper()
	noteSources()
	src := filepath.Join("..", "..", "testdata", "modules", name)
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o777)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o666)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// shared holds one copy of each fixture module for the tests that only
// read it: they share go's build and vet caches (which key on the
// directory) instead of compiling and vetting a fresh copy each.
var shared struct {
	sync.Mutex
	dirs map[string]string
}

// sharedModule returns the shared copy of the fixture module name. Tests
// that change the module (-fix, added files) use module instead.
func sharedModule(t *testing.T, name string) string {
	t.Helper()
	shared.Lock()
	defer shared.Unlock()
	if dir, ok := shared.dirs[name]; ok {
		noteSources()
		return dir
	}
	dir := filepath.Join(sharedRoot, name)
	copyModule(t, name, dir)
	if shared.dirs == nil {
		shared.dirs = make(map[string]string)
	}
	shared.dirs[name] = dir
	return dir
}

// run runs a command in dir with extra environment variables.
func run(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	noteSources()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	// Hermetic: no workspace, no toolchain download, no ambient flags.
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=")
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if exit := (*exec.ExitError)(nil); errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	rel := func(s string) string {
		s = strings.ReplaceAll(s, dir+string(filepath.Separator), "")
		return strings.ReplaceAll(s, dir, ".")
	}
	r := result{rel(stdout.String()), rel(stderr.String()), code}
	if strings.Contains(r.stderr, "panic:") || strings.Contains(r.stderr, "goroutine ") {
		t.Errorf("%s %v crashed:\n%s", name, args, r.stderr)
	}
	return r
}

// standalone runs weaklint args... in dir.
func standalone(t *testing.T, dir string, args ...string) result {
	return run(t, dir, nil, weaklint, args...)
}

// vet runs go vet -vettool=weaklint args... in dir.
func vet(t *testing.T, dir string, env []string, args ...string) result {
	return run(t, dir, env, "go", append([]string{"vet", "-vettool=" + weaklint}, args...)...)
}

// Exit statuses: multichecker's for the standalone command; go vet exits 1
// whenever the vet tool reports anything.
const (
	exitClean       = 0
	exitError       = 1
	exitDiagnostics = 3
	vetExitFailure  = 1
)

func TestStandalone(t *testing.T) {
	t.Parallel()
	dir := sharedModule(t, "weakbugs")
	r := standalone(t, dir, "./...")
	assertLines(t, "weaklint ./...", r.lines(), wantExcept())
	if r.code != exitDiagnostics {
		t.Errorf("weaklint ./...: exit status %d, want %d", r.code, exitDiagnostics)
	}
}

func TestVet(t *testing.T) {
	t.Parallel()
	dir := sharedModule(t, "weakbugs")
	r := vet(t, dir, nil, "./...")
	assertLines(t, "go vet -vettool=weaklint ./...", r.lines(), wantExcept())
	if r.code != vetExitFailure {
		t.Errorf("go vet: exit status %d, want %d", r.code, vetExitFailure)
	}
}

// TestVetGateKeepsDiagnostics runs go vet with and without the gate and
// compares everything printed, in text and in JSON, and shows that the gate
// did skip a package (else the comparison would prove nothing). The flags
// run the suite with the gate on (vetgate.GateFlags).
func TestVetGateKeepsDiagnostics(t *testing.T) {
	t.Parallel()
	gateOn := vetgate.GateFlags(analyzer.All())
	for _, flags := range [][]string{
		slices.Concat(gateOn, []string{"./..."}),
		slices.Concat(gateOn, []string{"-json", "./..."}),
	} {
		// A fresh copy each time: go vet caches its results per package
		// (go vet always runs the tool with -json), and the tool must run.
		dir := module(t, "weakbugs")
		gateLog := filepath.Join(t.TempDir(), "gate.log")
		gated := vet(t, dir, []string{"WEAKLINT_GATELOG=" + gateLog}, flags...)
		stock := vet(t, dir, []string{"WEAKLINT_NOGATE=1"}, flags...)
		if !slices.Equal(gated.lines(), stock.lines()) || gated.code != stock.code {
			t.Errorf("go vet %v: with the gate (exit %d):\n%s\nwithout (exit %d):\n%s",
				flags, gated.code, gated.stderr, stock.code, stock.stderr)
		}
		if !slices.Equal(jsonValues(t, gated.stdout), jsonValues(t, stock.stdout)) {
			t.Errorf("go vet %v: stdout with the gate:\n%s\nwithout:\n%s", flags, gated.stdout, stock.stdout)
		}
		data, err := os.ReadFile(gateLog)
		if err != nil {
			t.Fatal(err)
		}
		log := string(data)
		for _, line := range []string{
			"skip example.com/weakbugs/plain",
			// plain's test variant (whose ID is plain's) refers to a registrar.
			"full example.com/weakbugs/plain: refers to runtime.SetFinalizer",
			"full example.com/weakbugs/app: dependency example.com/weakbugs/cache has facts",
			"full example.com/weakbugs/relay: dependency example.com/weakbugs/app has facts",
			"full example.com/weakbugs/front: dependency example.com/weakbugs/app has facts",
			"full example.com/weakbugs/holder: imports weak",
			"full example.com/weakbugs/reader: dependency example.com/weakbugs/registry has weak types",
			"full example.com/weakbugs/finalize: refers to runtime.AddCleanup",
			"full example.com/weakbugs/stale: has a //weaklint:ignore directive",
			"full example.com/weakbugs/useh: dependency example.com/weakbugs/handle has facts",
		} {
			if !strings.Contains(log, line+"\n") {
				t.Errorf("go vet %v: gate log lacks %q:\n%s", flags, line, log)
			}
		}
	}
}

// TestVetGateReusesFacts vets a package that go vet vets three times (as
// itself and recompiled for two other packages' tests) and whose facts
// report bugs in those tests: one unit at least reuses another's facts
// instead of type-checking (one job at a time, so that the units do not
// run at once), and the findings are the same as without the gate.
func TestVetGateReusesFacts(t *testing.T) {
	t.Parallel()
	flags := slices.Concat([]string{"-p", "1"}, vetgate.GateFlags(analyzer.All()), []string{"./..."})
	vetGateLogs(t, "variants", flags, []string{
		"base/base_test.go:14:16: possible nil dereference: r.Get() may return nil (it returns a weak referent unchecked); check the result for nil before use",
		"other/other_test.go:15:28: possible nil dereference: r.Get() may return nil (it returns a weak referent unchecked); check the result for nil before use",
	}, "reuse example.com/variants/wrap: imports weak\n")
}

// TestVetGateInertFacts vets a package (p) that imports a package whose
// facts are inert (x's: which parameters its methods dereference): the gate
// skips p and passes x's facts on to q, which calls x's nil-safe method on
// a possibly nil referent without importing x. The findings are the same as
// without the gate: without x's fact reaching q, that call would be
// reported.
func TestVetGateInertFacts(t *testing.T) {
	t.Parallel()
	flags := slices.Concat(vetgate.GateFlags(analyzer.All()), []string{"./..."})
	vetGateLogs(t, "inert", flags, []string{
		"q/q.go:17:53: possible nil dereference: h.w.Value() returns nil once the referent is garbage collected; check the result for nil before use",
	}, "skip example.com/inert/p\n")
}

// TestVetGateNilSafeFacts vets a module whose package pb imports nothing
// weak and declares nil-safe getters and functions that dereference their
// parameters, which app calls on possibly reclaimed referents (directly and
// through relay's aliases): the gate skips pb and writes the facts that
// derefs exports there without the gate, so the findings (the calls of
// methods that are not nil-safe, the referents passed to parameters
// dereferenced on every path) are the same with the gate, without it, and
// standalone.
func TestVetGateNilSafeFacts(t *testing.T) {
	t.Parallel()
	want := []string{
		"app/app.go:16:51: possible nil dereference: wp.Value() returns nil once the referent is garbage collected; check the result for nil before use",
		"app/app.go:18:68: possible nil dereference: wp.Value() returns nil once the referent is garbage collected; check the result for nil before use",
		"app/app.go:25:71: possible nil dereference: wp.Value() returns nil once the referent is garbage collected; check the result for nil before use",
		"app/app.go:28:57: possible nil dereference: wp.Value() returns nil once the referent is garbage collected; check the result for nil before use",
		"app/app.go:32:59: possible nil dereference: wp.Value() returns nil once the referent is garbage collected; check the result for nil before use",
		// UnnamedAddr; KnownAddr and LabeledAddr are guarded by the
		// results of GetName and Label, which the facts say are "" for a
		// nil receiver or parameter (the gate writes them for pb).
		"app/app.go:49:11: possible nil dereference: wp.Value() returns nil once the referent is garbage collected; check the result for nil before use",
	}
	flags := slices.Concat(vetgate.GateFlags(analyzer.All()), []string{"./..."})
	vetGateLogs(t, "nilsafe", flags, want, "skip example.com/nilsafe/pb\n")
	assertLines(t, "weaklint ./...", standalone(t, module(t, "nilsafe"), "./...").lines(), want)
}

// TestVetGateIsMethodOfSkippedPackage: page declares the Is method of the
// error that bufpool returns a nil page with, and nothing weak, so the gate
// skips it; btree's errors.Is(err, page.ErrPageEvicted) guards the page
// alike in go vet with the gate, without it, and weaklint ./... (the
// method, of another package, may match any sentinel).
func TestVetGateIsMethodOfSkippedPackage(t *testing.T) {
	t.Parallel()
	const msg = " may return nil (it returns a weak referent unchecked); check the result for nil before use"
	want := []string{
		"btree/btree.go:43:12: possible nil dereference: t.pool.Local(t.root)" + msg,
		"btree/btree.go:58:12: possible nil dereference: t.pool.Resident(t.root)" + msg,
		"btree/btree.go:67:12: possible nil dereference: t.pool.Resident(t.root)" + msg,
		"btree/btree.go:77:12: possible nil dereference: t.pool.Resident(t.root)" + msg,
	}
	flags := slices.Concat(vetgate.GateFlags(analyzer.All()), []string{"./..."})
	vetGateLogs(t, "iskeys", flags, want, "skip example.com/iskeys/page\n")
	assertLines(t, "weaklint ./...", standalone(t, module(t, "iskeys"), "./...").lines(), want)
}

// vetGateLogs runs go vet with flags on the fixture module name, with the
// gate and without it: without, the findings are want; with, they are the
// same, and the gate's log has the line logLine.
func vetGateLogs(t *testing.T, name string, flags, want []string, logLine string) {
	t.Helper()
	dir := module(t, name)
	gateLog := filepath.Join(t.TempDir(), "gate.log")
	gated := vet(t, dir, []string{"WEAKLINT_GATELOG=" + gateLog}, flags...)
	stock := vet(t, dir, []string{"WEAKLINT_NOGATE=1"}, flags...)
	assertLines(t, "go vet without the gate", stock.lines(), want)
	if !slices.Equal(gated.lines(), stock.lines()) || gated.code != stock.code {
		t.Errorf("go vet %v: with the gate (exit %d):\n%s\nwithout (exit %d):\n%s",
			flags, gated.code, gated.stderr, stock.code, stock.stderr)
	}
	data, err := os.ReadFile(gateLog)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), logLine) {
		t.Errorf("gate log has no line %q:\n%s", strings.TrimSpace(logLine), data)
	}
}

func TestJSON(t *testing.T) {
	t.Parallel()
	dir := sharedModule(t, "weakbugs")
	for _, tool := range []struct {
		name string
		run  func() result
	}{
		{"weaklint -json", func() result { return standalone(t, dir, "-json", "./...") }},
		{"go vet -json", func() result { return vet(t, dir, nil, "-json", "./...") }},
	} {
		r := tool.run()
		if r.code != exitClean {
			t.Errorf("%s: exit status %d, want %d (stderr: %s)", tool.name, r.code, exitClean, r.stderr)
		}
		// One JSON object per package: package → analyzer → diagnostics.
		type diagnostic struct {
			Posn, Message  string
			SuggestedFixes []json.RawMessage `json:"suggested_fixes"`
		}
		var got []string
		dec := json.NewDecoder(strings.NewReader(r.stdout))
		for dec.More() {
			var tree map[string]map[string][]diagnostic
			if err := dec.Decode(&tree); err != nil {
				t.Fatalf("%s: output does not parse: %v\n%s", tool.name, err, r.stdout)
			}
			for _, byAnalyzer := range tree {
				for _, diags := range byAnalyzer {
					for _, d := range diags {
						got = append(got, strings.TrimPrefix(d.Posn, "./")+": "+d.Message)
						if hasFix(d.Message) && len(d.SuggestedFixes) == 0 {
							t.Errorf("%s: %s: no suggested fix", tool.name, d.Posn)
						}
					}
				}
			}
		}
		slices.Sort(got)
		assertLines(t, tool.name, got, wantExcept())
	}
}

// TestDisable turns each analyzer off by name, both ways.
func TestDisable(t *testing.T) {
	t.Parallel()
	dir := sharedModule(t, "weakbugs")
	for name := range want {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			disable(t, dir, name)
		})
	}
}

// disable runs weaklint and go vet with -name=false.
func disable(t *testing.T, dir, name string) {
	flag := "-" + name + "=false"
	wantLines := wantExcept(name)
	r := standalone(t, dir, flag, "./...")
	assertLines(t, "weaklint "+flag, r.lines(), wantLines)
	if wantCode := exitCode(wantLines, exitDiagnostics); r.code != wantCode {
		t.Errorf("weaklint %s: exit status %d, want %d", flag, r.code, wantCode)
	}
	r = vet(t, dir, nil, flag, "./...")
	assertLines(t, "go vet "+flag, r.lines(), wantLines)
	if wantCode := exitCode(wantLines, vetExitFailure); r.code != wantCode {
		t.Errorf("go vet %s: exit status %d, want %d", flag, r.code, wantCode)
	}
}

func exitCode(diagnostics []string, withDiagnostics int) int {
	if len(diagnostics) > 0 {
		return withDiagnostics
	}
	return exitClean
}

// hasFix reports whether a diagnostic of the weakbugs module comes with a
// suggested fix: weakderef's re-call race and lifetime's missing KeepAlive.
func hasFix(message string) bool {
	return strings.Contains(message, "called again") || strings.Contains(message, "add runtime.KeepAlive")
}

// usehFixed is useh/useh.go's Size after lifetime's fix (which also adds
// the import of runtime).
const usehFixed = `		return -1
	}
	runtime.KeepAlive(f)
	return st.Size
`

// raceFixed is race/race.go's if statement after weakderef's fix.
const raceFixed = `	if conn := p.Value(); conn != nil {
		conn.Open = false
	}
`

// TestFix applies weakderef's fix for the re-call race.
func TestFix(t *testing.T) {
	t.Parallel()
	dir := module(t, "weakbugs")
	r := standalone(t, dir, "-fix", "./race")
	if r.code != exitClean {
		t.Errorf("weaklint -fix: exit status %d, want %d\n%s", r.code, exitClean, r.stderr)
	}
	got, err := os.ReadFile(filepath.Join(dir, "race", "race.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), raceFixed) {
		t.Errorf("weaklint -fix: race.go is now\n%s\nwant it to contain\n%s", got, raceFixed)
	}
	// The fixed package is clean.
	if r := standalone(t, dir, "./race"); r.code != exitClean || r.stderr != "" {
		t.Errorf("weaklint after -fix: exit status %d, output:\n%s", r.code, r.stderr)
	}
}

// TestVetFix applies the same fix through go vet -fix.
func TestVetFix(t *testing.T) {
	t.Parallel()
	dir := module(t, "weakbugs")
	r := vet(t, dir, nil, "-fix", "./race")
	if r.code != exitClean {
		t.Errorf("go vet -fix: exit status %d, want %d\n%s", r.code, exitClean, r.stderr)
	}
	got, err := os.ReadFile(filepath.Join(dir, "race", "race.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), raceFixed) {
		t.Errorf("go vet -fix: race.go is now\n%s\nwant it to contain\n%s", got, raceFixed)
	}
}

// TestErrors: a package that does not exist, does not type-check or does
// not parse gives exit status 1 and a message that names the problem.
func TestErrors(t *testing.T) {
	t.Parallel()
	dir := sharedModule(t, "broken")
	for _, test := range []struct {
		pkg     string
		message string // a line of the output
	}{
		{"./nosuch", "nosuch: directory not found"},
		{"./typeerr", `typeerr/typeerr.go:8:13: cannot use "not a number" (untyped string constant) as int value in variable declaration`},
		{"./syntax", "syntax/syntax.go:4:9: expected ')', found '{'"},
		// Compiled for its external test, so go vet's compiler reports
		// it (syntax error: unexpected {, expected )), in its words.
		{"./syntaxx", "syntaxx/syntaxx.go:6:9: "},
	} {
		for _, tool := range []struct {
			name string
			run  func() result
		}{
			{"weaklint " + test.pkg, func() result { return standalone(t, dir, test.pkg) }},
			{"go vet " + test.pkg, func() result { return vet(t, dir, nil, test.pkg) }},
		} {
			r := tool.run()
			if r.code != exitError {
				t.Errorf("%s: exit status %d, want %d", tool.name, r.code, exitError)
			}
			if !strings.Contains(r.stderr, test.message) {
				t.Errorf("%s: output lacks %q:\n%s", tool.name, test.message, r.stderr)
			}
			// A syntax error is one line, as go vet prints it: not the
			// parser's later complaints, nor type errors that follow.
			if test.pkg == "./syntax" && len(r.lines()) != 1 {
				t.Errorf("%s: %d lines, want 1:\n%s", tool.name, len(r.lines()), r.stderr)
			}
			// Lines that only repeat the failure are left out.
			for _, noise := range []string{"failed prerequisites", "analysis skipped", "-: "} {
				if strings.Contains(r.stderr, noise) {
					t.Errorf("%s: output contains %q:\n%s", tool.name, noise, r.stderr)
				}
			}
		}
	}
}

func assertLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s: got\n\t%s\nwant\n\t%s", what, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// jsonValues splits a stream of JSON values (one per package, in the order
// go vet finished them) into a sorted list of their compact forms, leaving
// out empty objects: go vet replays a package's cached output even when the
// package is now only a dependency, so "{}" appears for any package once
// vetted as a root by the same binary with the same flags.
func jsonValues(t *testing.T, stream string) []string {
	t.Helper()
	var values []string
	dec := json.NewDecoder(strings.NewReader(stream))
	for dec.More() {
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("output does not parse as JSON: %v\n%s", err, stream)
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, v); err != nil {
			t.Fatal(err)
		}
		if buf.String() != "{}" {
			values = append(values, buf.String())
		}
	}
	slices.Sort(values)
	return values
}

// TestVersion: go vet's -V=full handshake gets a build ID that changes with
// WEAKLINT_NOGATE, so go vet never reuses gated results for an ungated run.
func TestVersion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	gated := run(t, dir, nil, weaklint, "-V=full")
	stock := run(t, dir, []string{"WEAKLINT_NOGATE=1"}, weaklint, "-V=full")
	for _, r := range []result{gated, stock} {
		f := strings.Fields(r.stdout)
		if r.code != exitClean || len(f) < 3 || f[1] != "version" || !strings.HasPrefix(f[len(f)-1], "buildID=") {
			t.Fatalf("weaklint -V=full: exit %d, output %q; want \"weaklint version devel ... buildID=...\"", r.code, r.stdout)
		}
	}
	if gated.stdout == stock.stdout {
		t.Errorf("weaklint -V=full prints the same build ID with and without WEAKLINT_NOGATE: %s", gated.stdout)
	}
}

func TestVersionFlag(t *testing.T) {
	t.Parallel()
	r := run(t, t.TempDir(), nil, weaklint, "-version")
	if r.code != exitClean || !strings.HasPrefix(r.stdout, "weaklint ") {
		t.Errorf("weaklint -version: exit %d, output %q", r.code, r.stdout)
	}
}

// TestVetGateTypeErrors documents the gate's one visible difference: a
// package that cannot hold weak-pointer or cleanup code is not type-checked,
// so its type errors are left to go build (standalone, or with the gate
// off, weaklint reports them).
func TestVetGateTypeErrors(t *testing.T) {
	t.Parallel()
	dir := sharedModule(t, "broken")
	const typeError = `quietbad/quietbad.go:5:13: cannot use "not a number" (untyped string constant) as int value in variable declaration`
	gateOn := vetgate.GateFlags(analyzer.All())
	args := slices.Concat(gateOn, []string{"./quietbad"})
	if r := vet(t, dir, nil, args...); r.code != exitClean || r.stderr != "" {
		t.Errorf("go vet %v with the gate: exit %d, output:\n%s\nwant exit 0, no output", args, r.code, r.stderr)
	}
	for _, r := range []result{
		vet(t, dir, []string{"WEAKLINT_NOGATE=1"}, args...),
		standalone(t, dir, args...),
	} {
		if r.code != exitError || !strings.Contains(r.stderr, typeError) {
			t.Errorf("weaklint %v without the gate: exit %d, output:\n%s\nwant exit 1 and %s", args, r.code, r.stderr, typeError)
		}
	}
}

// TestUnknownFlag: exit status 2, as the README's table says.
func TestUnknownFlag(t *testing.T) {
	t.Parallel()
	r := run(t, t.TempDir(), nil, weaklint, "-nosuchflag", "./...")
	if r.code != 2 || !strings.Contains(r.stderr, "-nosuchflag") {
		t.Errorf("weaklint -nosuchflag: exit status %d, output %q; want 2 and a message naming the flag", r.code, r.stderr)
	}
}
