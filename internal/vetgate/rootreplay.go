package vetgate

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
)

// A root unit (one whose diagnostics go vet prints) can reuse the work of a
// dependency unit with the same memo key that type-checked before it, if
// that unit also recorded what the root prints: its stdout file (the JSON
// tree, with -json, which go vet always passes since Go 1.26), its output
// on stdout and stderr (diagnostics and errors without -json), and its exit
// status.
//
// A dependency unit (VetxOnly) runs only the analyzers with facts and
// prints nothing. One that type-checks under a key that a root unit may
// share runs instead as a root unit, in a child process of its own binary
// (renderRootEnv set), with its stdout file in the memo: the child writes
// the unit's vetx file (the same facts: analyzers without facts export
// none) and the parent records the rest (rootOutput), then exits as a
// dependency unit does, 0 with nothing printed. If the child fails before
// writing the vetx file (a type error, or a crash in an analyzer that the
// dependency unit would not run), the parent records nothing and runs as a
// dependency unit itself.
//
// go vet vets a package as a root unit with its internal test files (the
// test variant) if it has any: then no dependency unit has the root's files,
// nor its key. So a dependency unit renders only for a package with no
// internal test files (mayShareRootKey); in go vet std, none of the
// packages that the gate type-checks qualifies, and no unit renders. The
// case it serves: a package without internal tests recompiled for another
// package's test (testdata/modules/replay: wrap for base's test), whose
// recompiled unit type-checks first.
//
// A root unit replays only output that names nothing of the recording
// unit's own (its output directory, go vet's work directory: where cgo's
// generated files are, for one), under the same ID, and never with -fix,
// which applies fixes instead of printing them.

// renderRootEnv, set in a unit's environment, makes it run its config as
// it is, without the gate: the child of renderRoot.
const renderRootEnv = "WEAKLINT_VETGATE_RENDER_ROOT"

// rootOutput is what a root unit printed, as recorded in the memo.
type rootOutput struct {
	ID        string // the unit's ID, part of the JSON tree
	Exit      int    // exit status
	Output    []byte // stdout and stderr, as go vet reads them: one stream
	Stdout    []byte // the stdout file (cfg.Stdout)
	HasStdout bool   // whether the unit created the stdout file
}

// replayable reports whether a root unit run with flags could replay
// another unit's output: not with -fix.
func replayable(flags []string) bool { return !boolFlag(flags, "fix") }

func (m *factsMemo) rootFile() string { return m.entry + ".root" }

// lookupRoot returns the facts and the root output recorded under the key
// for a root unit with cfg's ID.
func (m *factsMemo) lookupRoot(cfg *config) (*rootOutput, []byte, bool) {
	if m == nil {
		return nil, nil, false
	}
	data, err := os.ReadFile(m.rootFile())
	if err != nil {
		return nil, nil, false
	}
	var out rootOutput
	if json.Unmarshal(data, &out) != nil || out.ID != cfg.ID {
		return nil, nil, false
	}
	facts, ok := m.lookup(cfg)
	if !ok {
		return nil, nil, false
	}
	return &out, facts, true
}

// replayRoot writes a root unit's outputs as recorded and exits as the
// recording unit's child did.
func replayRoot(cfg *config, out *rootOutput, facts []byte) error {
	if cfg.VetxOutput != "" {
		if err := writeShared(cfg, cfg.VetxOutput, vetxData(nil, facts)); err != nil {
			return err
		}
	}
	if out.HasStdout && cfg.Stdout != "" {
		os.Remove(cfg.Stdout) // it may be a link to a shared file
		if err := os.WriteFile(cfg.Stdout, out.Stdout, 0o666); err != nil {
			return err
		}
	}
	os.Stderr.Write(out.Output)
	os.Exit(out.Exit)
	return nil
}

// mayShareRootKey reports whether a root unit may have the files of this
// dependency unit: its package has no internal test files (*_test.go files
// of the package itself, rather than of an external test package), build
// constraints aside.
func mayShareRootKey(cfg *config) bool {
	dir := ""
	objdir := filepath.Dir(cfg.VetxOutput)
	for _, name := range cfg.GoFiles {
		if d := filepath.Dir(name); d != objdir {
			dir = d
			break
		}
	}
	if dir == "" {
		return false
	}
	tests, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		return false
	}
	fset := token.NewFileSet()
	name := ""
	for _, test := range tests {
		if name == "" {
			f, err := parser.ParseFile(fset, cfg.GoFiles[0], nil, parser.PackageClauseOnly)
			if err != nil {
				return false
			}
			name = f.Name.Name
		}
		f, err := parser.ParseFile(fset, test, nil, parser.PackageClauseOnly)
		if err != nil || f.Name.Name == name {
			return false
		}
	}
	return true
}

// renderRoot runs the dependency unit as a root unit in a child process
// and records what it printed under the memo's key; fullCfg is the unit's
// config with complete dependencies (completeDeps). It reports whether the
// child wrote the unit's vetx file, so that the unit is done.
func (m *factsMemo) renderRoot(cfg *config, fullCfg string, flags []string) bool {
	work := runWorkDir(cfg)
	if m == nil || work == "" || cfg.Stdout == "" {
		return false
	}
	rootCfg, stdout := m.entry+".root.cfg", m.entry+".root.stdout"
	if err := writeRootConfig(fullCfg, rootCfg, stdout); err != nil {
		return false
	}
	exe, err := os.Executable()
	if err != nil {
		return false
	}
	os.Remove(cfg.VetxOutput)
	os.Remove(stdout)
	child := exec.Command(exe, append(append([]string(nil), flags...), rootCfg)...)
	child.Env = append(os.Environ(), renderRootEnv+"=1")
	var output bytes.Buffer
	child.Stdout, child.Stderr = &output, &output
	err = child.Run()
	exit := 0
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		exit = exitErr.ExitCode()
	case err != nil:
		return false
	}
	if !vetxComplete(cfg.VetxOutput) {
		return false
	}
	out := rootOutput{ID: cfg.ID, Exit: exit, Output: output.Bytes()}
	out.Stdout, err = os.ReadFile(stdout)
	out.HasStdout = err == nil
	// Exit statuses other than unitchecker's own (0, 1) are crashes,
	// whose output (a goroutine trace) would not be the same twice.
	if (exit == 0 || exit == 1) && !mentions(out.Output, work) && !mentions(out.Stdout, work) {
		writeAtomic(m.dir(), m.rootFile(), &out)
	}
	return true
}

// writeRootConfig writes a copy of the config file from as a root unit's,
// with its stdout file at stdout.
func writeRootConfig(from, to, stdout string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return err
	}
	fields["VetxOnly"] = json.RawMessage("false")
	if fields["Stdout"], err = json.Marshal(stdout); err != nil {
		return err
	}
	if data, err = json.MarshalIndent(fields, "", "\t"); err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o666)
}

// vetxComplete reports whether the vetx file exists with both its sections.
func vetxComplete(vetx string) bool {
	hdr, err := readVetxHeader(vetx)
	if err != nil {
		return false
	}
	fi, err := os.Stat(vetx)
	return err == nil && fi.Size() == vetxHeaderSize+int64(hdr.typesLen)+int64(hdr.factsLen)
}

// mentions reports whether data holds path, as it is or as a JSON string.
func mentions(data []byte, path string) bool {
	if bytes.Contains(data, []byte(path)) {
		return true
	}
	quoted, err := json.Marshal(path)
	return err != nil || bytes.Contains(data, bytes.Trim(quoted, `"`))
}

// writeAtomic writes v as JSON to name, through a temporary file in dir, so
// that a reader finds the whole file or none.
func writeAtomic(dir, name string, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, "tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), name) != nil {
		os.Remove(tmp.Name())
	}
}
