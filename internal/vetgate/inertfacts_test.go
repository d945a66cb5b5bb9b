package vetgate

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer"
)

type inertFact struct{ N int }

func (*inertFact) AFact() {}

type liveFact struct{ N int }

func (*liveFact) AFact() {}

// TestInertFacts skips a unit whose dependencies exported inert facts only,
// and passes on those about methods, sorted, as unitchecker would; a
// dependency with another fact makes the unit matter.
func TestInertFacts(t *testing.T) {
	quiet := &analysis.Analyzer{Name: "quiet", Doc: "d", FactTypes: []analysis.Fact{new(inertFact)}}
	loud := &analysis.Analyzer{Name: "loud", Doc: "d", FactTypes: []analysis.Fact{new(liveFact)}, Requires: []*analysis.Analyzer{quiet}}
	gate := func(a *analysis.Analyzer) (analyzer.Gate, bool) {
		if a == quiet {
			return analyzer.Gate{Safe: true, InertFacts: []analysis.Fact{new(inertFact)}}, true
		}
		return analyzer.Gate{Safe: true}, true
	}
	inert := newInertFacts(gate, []*analysis.Analyzer{loud})
	inert.register()

	dir := t.TempDir()
	encode := func(name string, facts ...gobFact) string { return writeFactsVetx(t, dir, name, facts...) }
	x := encode("x.vetx",
		gobFact{PkgPath: "x", Object: "T.M1", Fact: &inertFact{1}},
		gobFact{PkgPath: "x", Object: "F", Fact: &inertFact{2}}, // a package-level function: not passed on
		gobFact{PkgPath: "x", Object: "T.M0", Fact: &inertFact{3}})
	y := encode("y.vetx",
		gobFact{PkgPath: "x", Object: "T.M0", Fact: &inertFact{3}}, // passed on by y too
		gobFact{PkgPath: "w", Object: "U.M2", Fact: &inertFact{4}})
	z := encode("z.vetx", gobFact{PkgPath: "z", Object: "V.M0", Fact: &liveFact{5}})
	plain := filepath.Join(dir, "plain.go")
	writeFile(t, plain, "package p\n\nimport \"strings\"\n\nvar _ = strings.Cut\n")

	cfg := &config{GoFiles: []string{plain}, PackageVetx: map[string]string{"x": x, "y": y}}
	skip, reason, facts := skippable(cfg, inert)
	if !skip {
		t.Fatalf("dependencies with inert facts: not skippable (%s)", reason)
	}
	var got []gobFact
	if err := gob.NewDecoder(bytes.NewReader(facts)).Decode(&got); err != nil {
		t.Fatal(err)
	}
	want := []gobFact{
		{PkgPath: "w", Object: "U.M2", Fact: &inertFact{4}},
		{PkgPath: "x", Object: "T.M0", Fact: &inertFact{3}},
		{PkgPath: "x", Object: "T.M1", Fact: &inertFact{1}},
	}
	if !slices.EqualFunc(got, want, func(a, b gobFact) bool {
		return a.PkgPath == b.PkgPath && a.Object == b.Object && *a.Fact.(*inertFact) == *b.Fact.(*inertFact)
	}) {
		t.Errorf("passed on %+v, want %+v", got, want)
	}

	// A dependency that passes on the very same facts as another adds
	// nothing, and is not decoded again.
	sections := newInertSections(inert)
	x2 := encode("x2.vetx",
		gobFact{PkgPath: "x", Object: "T.M1", Fact: &inertFact{1}},
		gobFact{PkgPath: "x", Object: "F", Fact: &inertFact{2}},
		gobFact{PkgPath: "x", Object: "T.M0", Fact: &inertFact{3}})
	z2 := encode("z2.vetx", gobFact{PkgPath: "z", Object: "V.M0", Fact: &liveFact{5}})
	for _, test := range []struct {
		file     string
		inert    bool
		imported int
	}{{x, true, 3}, {x2, true, 3}, {y, true, 5}, {z, false, 5}, {z2, false, 5}} {
		_, facts, err, factsErr := readVetxHeaderFacts(test.file)
		if err != nil {
			t.Fatal(err)
		}
		if got := sections.allInert(sections.add(facts, factsErr)); got != test.inert || len(sections.imported()) != test.imported {
			t.Errorf("add(%s) = %v with %d facts imported, want %v with %d", filepath.Base(test.file), got, len(sections.imported()), test.inert, test.imported)
		}
	}
	cfg.PackageVetx["x2"] = x2
	if skip, _, again := skippable(cfg, inert); !skip || !bytes.Equal(again, facts) {
		t.Errorf("a dependency passing on x's facts again changed what is passed on")
	}
	delete(cfg.PackageVetx, "x2")

	cfg.PackageVetx["z"] = z
	if skip, reason, _ := skippable(cfg, inert); skip || reason != "dependency z has facts" {
		t.Errorf("a dependency with a fact that is not inert: skippable = %v (%s)", skip, reason)
	}
	// Without inert fact types (the language server, tests), facts count.
	delete(cfg.PackageVetx, "z")
	if skip, reason, _ := skippable(cfg, nil); skip || reason != "dependency x has facts" {
		t.Errorf("no inert facts known: skippable = %v (%s)", skip, reason)
	}
	// Only package-level facts: nothing to pass on, an empty facts section.
	cfg.PackageVetx = map[string]string{"x": encode("f.vetx", gobFact{PkgPath: "x", Object: "F", Fact: &inertFact{2}})}
	if skip, reason, facts := skippable(cfg, inert); !skip || len(facts) != 0 {
		t.Errorf("package-level facts only: skippable = %v (%s), facts %q", skip, reason, facts)
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
}

// writeFactsVetx writes dir/name, a vetx file with a placeholder types
// section and facts as its gob-encoded facts section, and returns its path.
func writeFactsVetx(t *testing.T, dir, name string, facts ...gobFact) string {
	t.Helper()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(facts); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := writeVetx(path, []byte("types"), buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	return path
}
