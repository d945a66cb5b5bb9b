package vetgate

import (
	"bytes"
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
	out, err := exec.Command("go", "list", "-export", "-f", "{{.Export}}", "strings").Output()
	if err != nil {
		t.Fatalf("go list -export strings: %v", err)
	}
	archive := strings.TrimSpace(string(out))
	file := filepath.Join(t.TempDir(), "strings.vetx")
	if err := vetxFromExportData(archive, "strings", file); err != nil {
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
