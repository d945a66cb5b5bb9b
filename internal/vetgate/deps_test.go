package vetgate

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompleteDepsSharesConversions converts a skipped dependency's export
// data once per go vet run: units in the same go-build work directory share
// the converted file; a unit elsewhere gets its own.
func TestCompleteDepsSharesConversions(t *testing.T) {
	archive := stringsExport(t)
	dir := t.TempDir()
	gatedVetx := filepath.Join(dir, "strings.vetx")
	if err := writeVetx(gatedVetx, nil, nil); err != nil {
		t.Fatal(err)
	}
	// unit writes a config file for a unit whose outputs are in objdir and
	// runs completeDeps on it; it returns the vetx file given for strings.
	unit := func(objdir string) string {
		t.Helper()
		newCfg := completeUnit(t, objdir, map[string]any{
			"ID":          "p",
			"ImportPath":  "p",
			"GoFiles":     []string{"p.go"},
			"PackageFile": map[string]string{"strings": archive},
			"PackageVetx": map[string]string{"strings": gatedVetx},
			"VetxOutput":  filepath.Join(objdir, "vet.out"),
			"Compiler":    "gc",
		})
		if !strings.Contains(string(newCfg.data), `"Compiler": "gc"`) {
			t.Errorf("rewritten config lost a field: %s", string(newCfg.data))
		}
		vetx := newCfg.PackageVetx["strings"]
		if h, err := readVetxHeader(vetx); err != nil || h.gated() {
			t.Errorf("vetx for strings %s: %+v, %v; want types", vetx, h, err)
		}
		return vetx
	}
	work := filepath.Join(dir, "go-build123")
	first := unit(filepath.Join(work, "b001"))
	second := unit(filepath.Join(work, "b002"))
	if first != second || filepath.Dir(first) != filepath.Join(work, "weaklint-types") {
		t.Errorf("units of one run got %s and %s; want one file in %s", first, second, filepath.Join(work, "weaklint-types"))
	}
	alone := unit(filepath.Join(dir, "elsewhere", "b001"))
	if filepath.Dir(alone) != filepath.Join(dir, "elsewhere", "b001") {
		t.Errorf("a unit outside a go-build directory got %s; want a file beside its outputs", alone)
	}
	if entries, _ := os.ReadDir(filepath.Join(work, "weaklint-types")); len(entries) != 1 {
		t.Errorf("cache holds %d files, want 1 (no temporary file left)", len(entries))
	}
}

// TestCompleteDepsKeepsFacts gives stock unitchecker the facts of a
// dependency that the gate answered with facts and no types (a dependency
// unit that reused another unit's facts): the completed vetx file has the
// types from the export data and the same facts. The same package with
// other facts gets a file of its own.
func TestCompleteDepsKeepsFacts(t *testing.T) {
	archive := stringsExport(t)
	dir := t.TempDir()
	work := filepath.Join(dir, "go-build9")
	completed := func(objdir, facts string) string {
		t.Helper()
		gated := filepath.Join(dir, objdir+".vetx")
		if err := writeVetx(gated, nil, []byte(facts)); err != nil {
			t.Fatal(err)
		}
		newCfg := completeUnit(t, filepath.Join(work, objdir), map[string]any{
			"ID": "p", "ImportPath": "p", "GoFiles": []string{"p.go"},
			"PackageFile": map[string]string{"strings": archive},
			"PackageVetx": map[string]string{"strings": gated},
			"VetxOutput":  filepath.Join(work, objdir, "vet.out"),
		})
		vetx := newCfg.PackageVetx["strings"]
		h, err := readVetxHeader(vetx)
		if err != nil || h.gated() {
			t.Fatalf("vetx for strings %s: %+v, %v; want types", vetx, h, err)
		}
		got, err := readVetxFacts(vetx, h)
		if err != nil || string(got) != facts {
			t.Errorf("facts of the completed vetx = %q, %v; want %q", got, err, facts)
		}
		return vetx
	}
	one := completed("b001", "facts")
	other := completed("b002", "other facts")
	if one == other {
		t.Errorf("two sets of facts share the converted file %s", one)
	}
	if again := completed("b003", "facts"); again != one {
		t.Errorf("the same facts got another converted file: %s, %s", again, one)
	}
}

// stringsExport returns the export data file of package strings.
func stringsExport(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-export", "-f", "{{.Export}}", "strings").Output()
	if err != nil {
		t.Fatalf("go list -export strings: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// completeUnit writes the config file of a unit whose outputs are in objdir
// (fields, as JSON), runs completeDeps on it and returns the rewritten
// config.
func completeUnit(t *testing.T, objdir string, fields map[string]any) *config {
	t.Helper()
	if err := os.MkdirAll(objdir, 0o777); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	cfgFile := filepath.Join(objdir, "vet.cfg")
	if err := os.WriteFile(cfgFile, data, 0o666); err != nil {
		t.Fatal(err)
	}
	cfg, err := readConfig(cfgFile)
	if err != nil {
		t.Fatal(err)
	}
	newFile, err := completeDeps(cfg, cfgFile)
	if err != nil {
		t.Fatal(err)
	}
	newCfg, err := readConfig(newFile)
	if err != nil {
		t.Fatal(err)
	}
	return newCfg
}
