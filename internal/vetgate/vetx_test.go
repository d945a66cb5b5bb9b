package vetgate

import (
	"bytes"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/gcexportdata"
)

func TestGatedVetxHeader(t *testing.T) {
	file := filepath.Join(t.TempDir(), "vet.out")
	if err := writeVetx(file, nil, nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// unitchecker accepts any file of at least 12 bytes with the magic and
	// consistent lengths; empty facts decode as no facts.
	if want := "vetx\x00\x00\x00\x00\x00\x00\x00\x00"; string(data) != want {
		t.Errorf("gated vetx file = %q, want %q", data, want)
	}
	h, err := readVetxHeader(file)
	if err != nil || !h.gated() || h.factsLen != 0 {
		t.Errorf("readVetxHeader = %+v, %v; want a gated header without facts", h, err)
	}
}

// TestVetxFromExportData converts the compiler's export data for strings
// and reads the types back as unitchecker does.
func TestVetxFromExportData(t *testing.T) {
	archive := stringsExport(t)
	file := filepath.Join(t.TempDir(), "strings.vetx")
	if err := vetxFromExportData(archive, "strings", nil, file); err != nil {
		t.Fatal(err)
	}
	h, err := readVetxHeader(file)
	if err != nil {
		t.Fatal(err)
	}
	if h.gated() || h.factsLen != 0 {
		t.Fatalf("converted header = %+v, want types and no facts", h)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	typesData := data[vetxHeaderSize : vetxHeaderSize+h.typesLen]
	// gcexportdata.Read takes the indexed format with its 'i' prefix, which
	// the vetx file (like unitchecker's) leaves out.
	pkg, err := gcexportdata.Read(bytes.NewReader(append([]byte{'i'}, typesData...)), token.NewFileSet(), make(map[string]*types.Package), "strings")
	if err != nil {
		t.Fatal(err)
	}
	builder, _ := pkg.Scope().Lookup("Builder").(*types.TypeName)
	if builder == nil {
		t.Fatal("strings.Builder missing from the converted export data")
	}
	if m, _, _ := types.LookupFieldOrMethod(types.NewPointer(builder.Type()), false, pkg, "WriteString"); m == nil {
		t.Error("strings.Builder.WriteString missing from the converted export data")
	}
}

// TestExportDataFormats reads the export data of strings from the
// compiler's archive (what go vet and, up to Go 1.27, go list -export give)
// and from a file of export data alone (what go list -export gives from Go
// 1.28), and rejects damaged archives with an error.
func TestExportDataFormats(t *testing.T) {
	archive, err := os.ReadFile(stringsExport(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, data, 0o666); err != nil {
			t.Fatal(err)
		}
		return file
	}
	fset := token.NewFileSet()
	pkg, err := gcexportdata.Read(bytes.NewReader(mustExportData(t, write("strings.a", archive))), fset, make(map[string]*types.Package), "strings")
	if err != nil {
		t.Fatalf("export data from the archive: %v", err)
	}
	var indexed bytes.Buffer
	if err := gcexportdata.Write(&indexed, fset, pkg); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{write("strings.a", archive), write("strings.export", indexed.Bytes())} {
		vetx := file + ".vetx"
		if err := vetxFromExportData(file, "strings", nil, vetx); err != nil {
			t.Errorf("%s: %v", filepath.Base(file), err)
			continue
		}
		if h, err := readVetxHeader(vetx); err != nil || h.gated() {
			t.Errorf("%s: vetx header %+v, %v; want types", filepath.Base(file), h, err)
		}
	}

	i := bytes.Index(archive, []byte("\n$$B\n"))
	if i < 0 {
		t.Fatal("archive without $$B")
	}
	renamed := bytes.Clone(archive)
	copy(renamed[8:], "__.OTHERDEF")
	noData := bytes.Clone(archive)
	copy(noData[i:], "\n$$X\n")
	for _, bad := range []struct{ name string }{
		{write("empty", nil)},
		{write("magic-only", []byte("!<arch>\n"))},
		{write("truncated-header", archive[:40])},
		{write("truncated-member", archive[:i+20])},
		{write("other-member", renamed)},
		{write("no-export-data", noData)},
		{write("not-export-data", []byte("package strings\n"))},
	} {
		if err := vetxFromExportData(bad.name, "strings", nil, bad.name+".vetx"); err == nil {
			t.Errorf("%s: no error", filepath.Base(bad.name))
		}
	}
}

func mustExportData(t *testing.T, file string) []byte {
	t.Helper()
	data, err := readExportData(file)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestXToolsVersion makes an upgrade of golang.org/x/tools re-check what the
// gate assumes of it (xtools.go).
func TestXToolsVersion(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{if .Replace}}{{.Replace.Version}}{{else}}{{.Version}}{{end}}", "golang.org/x/tools").Output()
	if err != nil {
		t.Fatalf("go list -m golang.org/x/tools: %v", err)
	}
	if v := strings.TrimSpace(string(out)); v != xtoolsChecked {
		t.Errorf("golang.org/x/tools is %s, but xtools.go was checked against %s: check each behaviour it lists against the new version, then update xtoolsChecked", v, xtoolsChecked)
	}
}

// TestWriteAnswered checks a skipped unit's outputs: a vetx file without
// types, and a stdout file only when there is something to print (an empty
// JSON object for a package go vet was asked about with -json).
func TestWriteAnswered(t *testing.T) {
	dir := t.TempDir()
	for i, test := range []struct {
		vetxOnly, json bool
		stdout         string // "" for no file
	}{
		{false, false, ""},
		{true, false, ""},
		{true, true, ""},
		{false, true, "{}\n"},
	} {
		cfg := &config{
			VetxOnly:   test.vetxOnly,
			VetxOutput: filepath.Join(dir, fmt.Sprint(i, ".vetx")),
			Stdout:     filepath.Join(dir, fmt.Sprint(i, ".stdout")),
		}
		if err := writeAnswered(cfg, []byte("facts"), test.json); err != nil {
			t.Fatal(err)
		}
		h, err := readVetxHeader(cfg.VetxOutput)
		if err != nil || !h.gated() {
			t.Errorf("%+v: vetx header %+v, %v; want no types", test, h, err)
		}
		if facts, err := readVetxFacts(cfg.VetxOutput, h); err != nil || string(facts) != "facts" {
			t.Errorf("%+v: facts %q, %v", test, facts, err)
		}
		data, err := os.ReadFile(cfg.Stdout)
		switch {
		case test.stdout == "" && err == nil:
			t.Errorf("%+v: stdout file written (%q), want none", test, data)
		case test.stdout != "" && string(data) != test.stdout:
			t.Errorf("%+v: stdout %q, %v; want %q", test, data, err, test.stdout)
		}
	}
}

// TestWriteAnsweredLinks gives the units of one go vet run that write the
// same vetx file (no types, the same facts) one file, linked into each
// unit's directory.
func TestWriteAnsweredLinks(t *testing.T) {
	work := filepath.Join(t.TempDir(), "go-build5")
	unit := func(objdir string, facts []byte) os.FileInfo {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(work, objdir), 0o777); err != nil {
			t.Fatal(err)
		}
		cfg := &config{VetxOnly: true, VetxOutput: filepath.Join(work, objdir, "vet.out")}
		if err := writeAnswered(cfg, facts, false); err != nil {
			t.Fatal(err)
		}
		h, err := readVetxHeader(cfg.VetxOutput)
		if err != nil || !h.gated() || h.factsLen != uint32(len(facts)) {
			t.Errorf("%s: header %+v, %v", objdir, h, err)
		}
		if got, err := readVetxFacts(cfg.VetxOutput, h); err != nil || string(got) != string(facts) {
			t.Errorf("%s: facts %q, %v; want %q", objdir, got, err, facts)
		}
		fi, err := os.Stat(cfg.VetxOutput)
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	empty1, empty2 := unit("b001", nil), unit("b002", nil)
	facts1, facts2 := unit("b003", []byte("facts")), unit("b004", []byte("facts"))
	other := unit("b005", []byte("other facts"))
	if !os.SameFile(empty1, empty2) {
		t.Errorf("two empty vetx files of one run are not one file")
	}
	if !os.SameFile(facts1, facts2) {
		t.Errorf("two vetx files with the same facts are not one file")
	}
	if os.SameFile(empty1, facts1) || os.SameFile(facts1, other) {
		t.Errorf("vetx files with different facts are one file")
	}
	if data, _ := os.ReadFile(filepath.Join(work, "b001", "vet.out")); string(data) != "vetx\x00\x00\x00\x00\x00\x00\x00\x00" {
		t.Errorf("shared empty vetx file = %q", data)
	}
	// The "{}" that -json asks of root units is shared too.
	var stdouts []os.FileInfo
	for _, objdir := range []string{"b006", "b007"} {
		cfg := &config{VetxOutput: filepath.Join(work, objdir, "vet.out"), Stdout: filepath.Join(work, objdir, "vet.stdout")}
		if err := os.MkdirAll(filepath.Join(work, objdir), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := writeAnswered(cfg, nil, true); err != nil {
			t.Fatal(err)
		}
		if data, err := os.ReadFile(cfg.Stdout); err != nil || string(data) != "{}\n" {
			t.Errorf("%s: stdout %q, %v; want {}", objdir, data, err)
		}
		fi, err := os.Stat(cfg.Stdout)
		if err != nil {
			t.Fatal(err)
		}
		stdouts = append(stdouts, fi)
	}
	if !os.SameFile(stdouts[0], stdouts[1]) {
		t.Errorf("two stdout files with the same contents are not one file")
	}
	// A unit run again in the same directory with other facts replaces
	// its link: the file it shared keeps its facts.
	unit("b003", []byte("changed"))
	b004 := filepath.Join(work, "b004", "vet.out")
	if h, err := readVetxHeader(b004); err != nil {
		t.Error(err)
	} else if got, err := readVetxFacts(b004, h); err != nil || string(got) != "facts" {
		t.Errorf("b004's facts after b003 ran again: %q, %v; want \"facts\"", got, err)
	}
	// Outside a go vet work directory, each unit writes its own file.
	dir := t.TempDir()
	for _, name := range []string{"a.out", "b.out"} {
		cfg := &config{VetxOnly: true, VetxOutput: filepath.Join(dir, name)}
		if err := writeAnswered(cfg, []byte("facts"), false); err != nil {
			t.Fatal(err)
		}
	}
	a, errA := os.Stat(filepath.Join(dir, "a.out"))
	b, errB := os.Stat(filepath.Join(dir, "b.out"))
	if errA != nil || errB != nil || os.SameFile(a, b) {
		t.Errorf("units outside a work directory share a file (%v, %v)", errA, errB)
	}
}
