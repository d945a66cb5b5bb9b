package vetgate

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer"
	"github.com/weaklint/weaklint/internal/nilsafe"
)

// TestPassOnMemo checks that skipped units whose dependencies have the
// same inert facts sections pass on what the first one recorded, without
// decoding them; that an entry that is not the run's shared file with its
// contents is ignored; and that a unit with facts of its own, or with a
// dependency whose facts are not inert, neither uses nor records one.
func TestPassOnMemo(t *testing.T) {
	quiet := &analysis.Analyzer{Name: "quiet", Doc: "d", FactTypes: []analysis.Fact{new(inertFact)}}
	loud := &analysis.Analyzer{Name: "loud", Doc: "d", FactTypes: []analysis.Fact{new(liveFact)}, Requires: []*analysis.Analyzer{quiet}}
	gate := func(a *analysis.Analyzer) (analyzer.Gate, bool) {
		if a == quiet {
			return analyzer.Gate{Safe: true, InertFacts: []analysis.Fact{new(inertFact)}, SyntaxFact: func(nilsafe.Summary) analysis.Fact { return &inertFact{9} }}, true
		}
		return analyzer.Gate{Safe: true}, true
	}
	inert := newInertFacts(gate, []*analysis.Analyzer{loud})
	inert.register()

	dir := t.TempDir()
	encode := func(name string, facts ...gobFact) string { return writeFactsVetx(t, dir, name, facts...) }
	x := encode("x.vetx", gobFact{PkgPath: "x", Object: "T.M1", Fact: &inertFact{1}})
	y := encode("y.vetx", gobFact{PkgPath: "w", Object: "U.M2", Fact: &inertFact{4}})
	z := encode("z.vetx", gobFact{PkgPath: "z", Object: "V.M0", Fact: &liveFact{5}})
	plain := filepath.Join(dir, "plain.go")
	writeFile(t, plain, "package p\n\nimport \"strings\"\n\nvar _ = strings.Cut\n")
	getter := filepath.Join(dir, "getter.go")
	writeFile(t, getter, "package p\n\ntype T struct{ n int }\n\nfunc (t *T) N() int {\n\tif t == nil {\n\t\treturn 0\n\t}\n\treturn t.n\n}\n")

	work := filepath.Join(t.TempDir(), "go-build3")
	units := 0
	unit := func(file string, deps map[string]string) (bool, []byte) {
		t.Helper()
		units++
		objdir := filepath.Join(work, "b"+string(rune('a'+units)))
		if err := os.MkdirAll(objdir, 0o777); err != nil {
			t.Fatal(err)
		}
		cfg := &config{ImportPath: "encoding/p", GoFiles: []string{file}, PackageVetx: deps, VetxOnly: true, VetxOutput: filepath.Join(objdir, "vet.out")}
		skip, _, facts := skippable(cfg, inert)
		return skip, facts
	}
	entries := func() []string {
		t.Helper()
		names, err := filepath.Glob(filepath.Join(work, "weaklint-passon-*"))
		if err != nil {
			t.Fatal(err)
		}
		return names
	}

	deps := map[string]string{"x": x, "y": y}
	skip, want := unit(plain, deps)
	if !skip || len(want) == 0 {
		t.Fatalf("first unit: skip %v, facts %q", skip, want)
	}
	if len(entries()) != 1 {
		t.Fatalf("memo entries: %q, want one", entries())
	}
	entry := entries()[0]
	if data, err := os.ReadFile(entry); err != nil || !bytes.Equal(data, vetxData(nil, want)) {
		t.Fatalf("memo entry %q, %v; want the unit's vetx file", data, err)
	}

	// A unit with the same sections passes on the entry's facts: here
	// other ones, shared as linkShared shares a file, are believed.
	other := vetxData(nil, []byte("other facts"))
	setEntry := func(data []byte, shared bool) {
		t.Helper()
		os.Remove(entry)
		if !shared {
			writeFile(t, entry, string(data))
			return
		}
		name := sharedFile(work, data)
		writeFile(t, name, string(data))
		if err := os.Link(name, entry); err != nil {
			t.Fatal(err)
		}
	}
	setEntry(other, true)
	if skip, got := unit(plain, map[string]string{"a": y, "b": x, "c": y}); !skip || string(got) != "other facts" {
		t.Errorf("unit with the memo's sections, in another order: skip %v, facts %q; want the entry's", skip, got)
	}

	// Entries that are not a shared file with their contents, or not a
	// vetx file without types, are ignored.
	withTypes := vetxData([]byte("types"), []byte("other facts"))
	for _, test := range []struct {
		name   string
		data   []byte
		shared bool
	}{
		{"not a shared file", other, false},
		{"with types", withTypes, true},
		{"cut short", other[:len(other)-1], true},
		{"empty", nil, true},
		{"foreign", []byte("{\"facts\": 1}\n"), true},
	} {
		setEntry(test.data, test.shared)
		if skip, got := unit(plain, deps); !skip || !bytes.Equal(got, want) {
			t.Errorf("%s: skip %v, facts %q; want %q", test.name, skip, got, want)
		}
	}
	// A shared file changed after it was linked no longer has its name.
	setEntry(other, true)
	if err := os.WriteFile(entry, vetxData(nil, []byte("changed facts")), 0o666); err != nil {
		t.Fatal(err)
	}
	if skip, got := unit(plain, deps); !skip || !bytes.Equal(got, want) {
		t.Errorf("shared file changed: skip %v, facts %q; want %q", skip, got, want)
	}

	// Facts of its own: the unit passes on its dependencies' and its own,
	// the former from the memo's facts, as from the sections (outside a
	// work directory, no memo); the entry stays.
	n := len(entries())
	skip, own := unit(getter, deps)
	var got []gobFact
	if err := gob.NewDecoder(bytes.NewReader(own)).Decode(&got); !skip || err != nil || len(got) != 3 {
		t.Errorf("unit with facts of its own: skip %v, facts %v, %v; want 3", skip, got, err)
	}
	noMemo := &config{ImportPath: "encoding/p", GoFiles: []string{getter}, PackageVetx: deps, VetxOnly: true, VetxOutput: filepath.Join(dir, "vet.out")}
	if skip, _, want := skippable(noMemo, inert); !skip || !bytes.Equal(own, want) {
		t.Errorf("unit with facts of its own: facts %q with the memo, %q without", own, want)
	}
	if data, err := os.ReadFile(entry); err != nil || !bytes.Equal(data, vetxData(nil, want)) {
		t.Errorf("memo entry after a unit with facts of its own: %q, %v", data, err)
	}
	// What it passes on of its dependencies' is the memo's: an entry that
	// says otherwise is believed; one that does not decode is not.
	believed, err := encodeFacts([]gobFact{{PkgPath: "w", Object: "Z.M9", Fact: &inertFact{8}}})
	if err != nil {
		t.Fatal(err)
	}
	setEntry(vetxData(nil, believed), true)
	got = nil
	skip, withMemo := unit(getter, deps)
	if err := gob.NewDecoder(bytes.NewReader(withMemo)).Decode(&got); !skip || err != nil || len(got) != 2 || got[1].Object != "Z.M9" {
		t.Errorf("unit with facts of its own and a believed entry: skip %v, facts %v, %v; want Z.M9's and its own", skip, got, err)
	}
	setEntry(other, true)
	if skip, again := unit(getter, deps); !skip || !bytes.Equal(again, own) {
		t.Errorf("unit with facts of its own and an entry that does not decode: skip %v, facts %q; want %q", skip, again, own)
	}
	setEntry(vetxData(nil, want), true)

	// A dependency whose facts are not inert: not skipped, nothing recorded.
	if skip, _ := unit(plain, map[string]string{"x": x, "y": y, "z": z}); skip {
		t.Errorf("dependency with facts that are not inert: skipped")
	}
	// Nor a dependency whose facts cannot be read (cut short), with
	// others that the memo knows.
	short := filepath.Join(dir, "short.vetx")
	writeFile(t, short, string(vetxData(nil, []byte("facts")))[:vetxHeaderSize+2])
	if skip, _ := unit(plain, map[string]string{"x": x, "y": y, "s": short}); skip {
		t.Errorf("dependency with unreadable facts: skipped")
	}
	if len(entries()) != n {
		t.Errorf("memo entries %q after units that did not record, want %d", entries(), n)
	}
}
