package vetgate

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"

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

// TestDecodeOnce decodes each distinct facts section once per unit: the
// gate's decision, the facts memo's key and the facts a reusing unit passes
// on read the same dependencies' sections, and gob costs most of that.
func TestDecodeOnce(t *testing.T) {
	inert := &inertFacts{inert: map[reflect.Type]bool{reflect.TypeFor[*inertFact](): true}, all: []analysis.Fact{new(inertFact), new(liveFact)}}
	inert.register()
	section := func(facts ...gobFact) []byte {
		data, err := encodeFacts(facts)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	own := gobFact{PkgPath: "q", Object: "T.M0", Fact: &inertFact{N: 1}}
	other := gobFact{PkgPath: "testing", Object: "W.M0", Fact: &inertFact{N: 2}}
	data := section(own, other)
	if _, err := inert.decode(data); err != nil {
		t.Fatal(err)
	}
	key := inert.keyFacts("q", bytes.Clone(data))
	all, err := inert.decodeAll(data)
	if err != nil || !reflect.DeepEqual(all, []gobFact{own, other}) {
		t.Fatalf("decodeAll = %v, %v", all, err)
	}
	if len(inert.decoded) != 1 {
		t.Errorf("one section decoded into %d entries", len(inert.decoded))
	}
	if want := section(own); !bytes.Equal(key, want) {
		t.Errorf("keyFacts kept the facts passed on")
	}
	// A section that gob cannot read is remembered as such.
	for range 2 {
		if _, err := inert.decodeAll([]byte("not gob")); err == nil {
			t.Fatal("decoded garbage")
		}
	}
	if len(inert.decoded) != 2 {
		t.Errorf("%d entries, want 2", len(inert.decoded))
	}
	live := section(gobFact{PkgPath: "z", Object: "V.M0", Fact: &liveFact{5}})
	if _, err := inert.decode(live); err != errNotInert {
		t.Errorf("decode of a live fact: %v, want errNotInert", err)
	}
	if _, err := inert.decode(live); err != errNotInert {
		t.Errorf("decode of a live fact, again: %v, want errNotInert", err)
	}
}

// BenchmarkUnitFactsDecoding is what a dependency unit that reuses facts
// decodes: its dependencies' sections to decide (inertSections), for the
// memo's key (keyFacts), and again for the inert facts it passes on
// (rebaseFacts); here 40 dependencies with 50 inert facts of their own and
// 150 passed on, with a fresh inertFacts per operation as in a process of
// its own.
func BenchmarkUnitFactsDecoding(b *testing.B) {
	types := map[reflect.Type]bool{reflect.TypeFor[*inertFact](): true}
	all := []analysis.Fact{new(inertFact), new(liveFact)}
	(&inertFacts{inert: types, all: all}).register()
	var sections [][]byte
	for d := range 40 {
		var facts []gobFact
		for i := range 200 {
			pkg := "shared"
			if i < 50 {
				pkg = fmt.Sprintf("p%d", d)
			}
			facts = append(facts, gobFact{PkgPath: pkg, Object: objectpath.Path(fmt.Sprintf("T%d.M0", i)), Fact: &inertFact{N: i}})
		}
		data, err := encodeFacts(facts)
		if err != nil {
			b.Fatal(err)
		}
		sections = append(sections, data)
	}
	b.ReportAllocs()
	for b.Loop() {
		inert := &inertFacts{inert: types, all: all}
		deps := newInertSections(inert)
		for d, data := range sections {
			deps.allInert(deps.add(data, nil))
			inert.keyFacts(fmt.Sprintf("p%d", d), data)
			if _, err := inert.decodeAll(data); err != nil {
				b.Fatal(err)
			}
		}
	}
}
