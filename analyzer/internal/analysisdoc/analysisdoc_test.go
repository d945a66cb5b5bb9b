package analysisdoc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedInSync checks every analyzer package under analyzer/ whose
// doc.go documents an analyzer: its doc_gen.go must be what gendoc writes
// from doc.go now (run go generate ./analyzer/... after editing a doc.go).
func TestGeneratedInSync(t *testing.T) {
	docs, err := filepath.Glob(filepath.Join("..", "..", "*", "doc.go"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, doc := range docs {
		content, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(content), heading) {
			continue
		}
		want, err := Generate(string(content))
		if err != nil {
			t.Errorf("%s: %v", doc, err)
			continue
		}
		gen := filepath.Join(filepath.Dir(doc), GeneratedFile)
		got, err := os.ReadFile(gen)
		if err != nil {
			t.Errorf("%v (run go generate in %s)", err, filepath.Dir(doc))
			continue
		}
		if string(got) != string(want) {
			t.Errorf("%s is out of date with doc.go: run go generate in %s", gen, filepath.Dir(doc))
		}
		checked++
	}
	if checked < 4 { // weakderef, cleanupref, strongcache, ignore at least
		t.Errorf("checked %d analyzer packages, want at least 4 (is the test in analyzer/internal/analysisdoc?)", checked)
	}
}

func TestSections(t *testing.T) {
	const doc = `// Package p defines two analyzers.
//
// # Analyzer one
//
// one: report the first thing
//
// More about one.
//
// # Analyzer two
//
// two: report the second thing
package p
`
	pkg, names, docs, err := Sections(doc)
	if err != nil {
		t.Fatal(err)
	}
	if pkg != "p" || len(names) != 2 || names[0] != "one" || names[1] != "two" {
		t.Fatalf("Sections = %q, %q", pkg, names)
	}
	if docs[0] != "report the first thing\n\nMore about one." || docs[1] != "report the second thing" {
		t.Errorf("Sections docs = %q", docs)
	}
	for _, bad := range []string{
		"package p\n",                                    // no package comment
		"// Package p.\npackage p\n",                     // no heading
		"// # Analyzer one\n//\n// two: x\npackage p\n",  // summary of another name
		"// # Analyzer one\n//\n// one: x\npackage p(\n", // does not parse
	} {
		if _, _, _, err := Sections(bad); err == nil {
			t.Errorf("Sections(%q): no error", bad)
		}
	}
}
