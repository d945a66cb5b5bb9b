package vetgate

import (
	"fmt"
	"go/parser"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestUnitSources checks that a unit's file is read once and parsed whole
// once, whichever reader asks first, and that a parse error is kept.
func TestUnitSources(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		writeFile(t, path, content)
		return path
	}
	ok := write("ok.go", "package p\n\nimport \"fmt\"\n\n// F prints.\nfunc F() { fmt.Println() }\n")
	broken := write("broken.go", "package p\n\nimport \"fmt\"\n\nfunc F() { fmt.Println( }\n")
	src := newUnitSources([]string{ok, broken})

	data, err := src.read(0)
	if err != nil {
		t.Fatal(err)
	}
	// Read once: a change on disk after the first read is not seen.
	write("ok.go", "package changed\n")
	if again, _ := src.read(0); string(again) != string(data) {
		t.Errorf("file read again: %q", again)
	}

	// Up to the imports only, before the whole file is parsed.
	f, err := src.imports(0)
	if err != nil || len(f.Imports) != 1 || len(f.Decls) != 1 {
		t.Fatalf("imports(0) = %v, %v; want the import declaration only", f, err)
	}
	whole, err := src.parse(0, parser.ParseComments)
	if err != nil || len(whole.Decls) != 2 || len(whole.Comments) != 1 {
		t.Fatalf("parse(0, ParseComments) = %v, %v; want two declarations and the comment", whole, err)
	}
	// Parsed once: later readers get the same file, comments included,
	// also those that ask for the imports only.
	if again, _ := src.parse(0, 0); again != whole {
		t.Errorf("parse(0, 0) parsed the file again")
	}
	if again, _ := src.imports(0); again != whole {
		t.Errorf("imports(0) after parse parsed the file again")
	}

	// The imports of a file with a syntax error after them parse; the
	// whole file does not, however often it is asked for.
	if _, err := src.imports(1); err != nil {
		t.Errorf("imports(1): %v", err)
	}
	for range 2 {
		if f, err := src.parse(1, 0); err == nil || f != nil {
			t.Errorf("parse(1, 0) = %v, %v; want no file and a syntax error", f, err)
		}
	}
	if f, err := src.imports(1); err != nil || len(f.Decls) != 1 {
		t.Errorf("imports(1) after a failed parse = %v, %v; want the import declaration", f, err)
	}
}

// TestLikelyRelevantFirst tests a root unit's files that spell weak or a
// registrar first, in their order, then the others; a dependency unit's
// in their order.
func TestLikelyRelevantFirst(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for i, src := range []string{
		"package p\n",
		"package p\n\nimport \"runtime\"\n\nfunc f(x *int) { runtime.SetFinalizer(x, nil) }\n",
		"package p\n\nfunc g() {}\n",
		"package p\n\nimport \"weak\"\n\nvar _ weak.Pointer[int]\n",
	} {
		name := filepath.Join(dir, fmt.Sprintf("f%d.go", i))
		if err := os.WriteFile(name, []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	names = append(names, filepath.Join(dir, "missing.go"))
	src := newUnitSources(names)
	if got, want := likelyRelevantFirst(src, len(names), true), []int{1, 3, 0, 2, 4}; !slices.Equal(got, want) {
		t.Errorf("root unit: %v, want %v", got, want)
	}
	if got, want := likelyRelevantFirst(src, len(names), false), []int{0, 1, 2, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("dependency unit: %v, want %v", got, want)
	}
}
