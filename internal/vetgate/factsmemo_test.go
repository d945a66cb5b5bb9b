package vetgate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestFactsMemo checks which units of a package share facts: those whose
// files, configuration and dependencies' facts are the same, whatever their
// ID, outputs and dependencies' files; and that a unit finds the facts only
// once the unit that recorded them has written its vetx file completely.
func TestFactsMemo(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o666); err != nil {
			t.Fatal(err)
		}
		return path
	}
	src := write("src/p.go", []byte("package p\n\nimport \"runtime\"\n\nfunc F(x *int) { runtime.SetFinalizer(x, nil) }\n"))
	vetx := func(name string, types, facts string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := writeVetx(path, []byte(types), []byte(facts)); err != nil {
			t.Fatal(err)
		}
		return path
	}
	// q as compiled for q's own test: other types, same facts.
	q, qTest := vetx("q.vetx", "types of q", "facts of q"), vetx("qtest.vetx", "types of q and its test", "facts of q")
	qOtherFacts := vetx("qother.vetx", "types of q", "other facts of q")
	work := filepath.Join(dir, "go-build1")
	unit := func(id, objdir string, vetxOnly bool, deps map[string]string, extra map[string]any) *config {
		t.Helper()
		fields := map[string]any{
			"ID": id, "ImportPath": "p", "GoFiles": []string{src}, "VetxOnly": vetxOnly,
			"ImportMap": map[string]string{"q": "q"}, "PackageVetx": deps,
			"PackageFile": map[string]string{"q": filepath.Join(objdir, "q.a")},
			"VetxOutput":  filepath.Join(work, objdir, "vet.out"), "Stdout": filepath.Join(work, objdir, "vet.stdout"),
		}
		for k, v := range extra {
			fields[k] = v
		}
		data, err := json.Marshal(fields)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := readConfig(write(filepath.Join("cfg", objdir+".cfg"), data))
		if err != nil {
			t.Fatal(err)
		}
		return cfg
	}
	flags := []string{"-json"}
	first := unit("p", "b001", false, map[string]string{"q": q}, nil)
	memo := openFactsMemo(first, flags, nil)
	if memo == nil {
		t.Fatal("no memo for a unit in a go vet work directory")
	}
	if _, ok := memo.lookup(first); ok {
		t.Fatal("lookup found facts before any unit recorded them")
	}
	memo.record(first.VetxOutput)
	variant := unit("p [q.test]", "b002", true, map[string]string{"q": qTest}, nil)
	if _, ok := openFactsMemo(variant, flags, nil).lookup(variant); ok {
		t.Error("lookup found facts before the recording unit wrote them")
	}
	// The recording unit writes its vetx file, partly then whole.
	if err := os.MkdirAll(filepath.Dir(first.VetxOutput), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := writeVetx(first.VetxOutput, []byte("types of p"), []byte("facts of p")); err != nil {
		t.Fatal(err)
	}
	whole, err := os.ReadFile(first.VetxOutput)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(first.VetxOutput, whole[:len(whole)-3], 0o666); err != nil {
		t.Fatal(err)
	}
	if _, ok := openFactsMemo(variant, flags, nil).lookup(variant); ok {
		t.Error("lookup found facts in a vetx file that is not complete")
	}
	if err := os.WriteFile(first.VetxOutput, whole, 0o666); err != nil {
		t.Fatal(err)
	}
	if facts, ok := openFactsMemo(variant, flags, nil).lookup(variant); !ok || string(facts) != "facts of p" {
		t.Errorf("variant unit: lookup = %q, %v; want the facts of p", facts, ok)
	}
	// Units whose facts may differ have keys of their own.
	for _, test := range []struct {
		name  string
		cfg   *config
		flags []string
	}{
		{"another dependency's facts", unit("p [r.test]", "b003", true, map[string]string{"q": qOtherFacts}, nil), flags},
		{"another dependency", unit("p [r.test]", "b003", true, map[string]string{"q": q, "r": q}, nil), flags},
		{"other flags", unit("p [r.test]", "b003", true, map[string]string{"q": q}, nil), []string{"-json", "-strongcache.memo"}},
		{"another Go version", unit("p [r.test]", "b003", true, map[string]string{"q": q}, map[string]any{"GoVersion": "go1.25"}), flags},
		{"other files", unit("p [r.test]", "b003", true, map[string]string{"q": q}, map[string]any{"GoFiles": []string{src, src}}), flags},
	} {
		m := openFactsMemo(test.cfg, test.flags, nil)
		if m == nil {
			t.Errorf("%s: no memo", test.name)
			continue
		}
		if m.entry == memo.entry {
			t.Errorf("%s: same key as p", test.name)
		}
	}
	// A file that changed since (its size with it) changes the key.
	write("src/p.go", []byte("package p\n"))
	if m := openFactsMemo(variant, flags, nil); m == nil || m.entry == memo.entry {
		t.Errorf("a changed file keeps the key")
	}
	// Outside a go vet work directory, nothing is kept.
	alone := unit("p", "b001", true, map[string]string{"q": q}, map[string]any{"VetxOutput": filepath.Join(dir, "elsewhere", "vet.out")})
	if m := openFactsMemo(alone, flags, nil); m != nil {
		t.Errorf("a unit outside a work directory has a memo")
	}
}

// TestFactsKeyGeneratedFiles gives units of a package with cgo, whose
// generated files are in each unit's own directory, the same key when those
// files have the same contents.
func TestFactsKeyGeneratedFiles(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "p.go")
	if err := os.WriteFile(src, []byte("package p\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(dir, "go-build2")
	key := func(objdir, generated string) string {
		t.Helper()
		obj := filepath.Join(work, objdir)
		if err := os.MkdirAll(obj, 0o777); err != nil {
			t.Fatal(err)
		}
		gen := filepath.Join(obj, "_cgo_gotypes.go")
		if err := os.WriteFile(gen, []byte(generated), 0o666); err != nil {
			t.Fatal(err)
		}
		data, err := json.Marshal(map[string]any{
			"ID": "p", "ImportPath": "p", "GoFiles": []string{src, gen},
			"VetxOutput": filepath.Join(obj, "vet.out"),
		})
		if err != nil {
			t.Fatal(err)
		}
		cfgFile := filepath.Join(obj, "vet.cfg")
		if err := os.WriteFile(cfgFile, data, 0o666); err != nil {
			t.Fatal(err)
		}
		cfg, err := readConfig(cfgFile)
		if err != nil {
			t.Fatal(err)
		}
		k, err := factsKey(cfg, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	one := key("b001", "package p\n\nvar _Cgo_x int\n")
	if two := key("b002", "package p\n\nvar _Cgo_x int\n"); two != one {
		t.Errorf("units with the same generated file have keys %s and %s", one, two)
	}
	if other := key("b003", "package p\n\nvar _Cgo_y int\n"); other == one {
		t.Errorf("units with different generated files share the key %s", one)
	}
}

// TestFactsMemoPassedOnInertFacts gives units of a package whose
// dependencies differ only in the inert facts that they pass on about
// other packages (a test variant's dependency passes on those of testing's
// dependencies) the same key, and the unit that reuses the facts passes on
// its own dependencies' inert facts, not the recorded unit's; any other
// difference in the dependencies' facts changes the key.
func TestFactsMemoPassedOnInertFacts(t *testing.T) {
	dir := t.TempDir()
	inert := &inertFacts{inert: map[reflect.Type]bool{reflect.TypeFor[*inertFact](): true}, all: []analysis.Fact{new(inertFact), new(liveFact)}}
	inert.register()
	facts := func(name string, fs ...gobFact) string {
		t.Helper()
		data, err := encodeFacts(fs)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := writeVetx(path, nil, data); err != nil {
			t.Fatal(err)
		}
		return path
	}
	qOwn := gobFact{PkgPath: "q", Object: "T.M0", Fact: &inertFact{N: 1}}
	testingFact := gobFact{PkgPath: "testing", Object: "W.M0", Fact: &inertFact{N: 2}}
	q := facts("q.vetx", qOwn)
	qTest := facts("qtest.vetx", qOwn, testingFact)
	src := filepath.Join(dir, "p.go")
	writeFile(t, src, "package p\n")
	work := filepath.Join(dir, "go-build1")
	unit := func(id, objdir string, dep string) *config {
		t.Helper()
		data, err := json.Marshal(map[string]any{
			"ID": id, "ImportPath": "p", "GoFiles": []string{src}, "VetxOnly": true,
			"PackageVetx": map[string]string{"q": dep}, "VetxOutput": filepath.Join(work, objdir, "vet.out"),
		})
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, objdir+".cfg")
		writeFile(t, name, string(data))
		cfg, err := readConfig(name)
		if err != nil {
			t.Fatal(err)
		}
		return cfg
	}
	first, variant := unit("p", "b001", q), unit("p [q.test]", "b002", qTest)
	memo := openFactsMemo(first, nil, inert)
	if m := openFactsMemo(variant, nil, inert); m.entry != memo.entry {
		t.Fatal("a dependency that passes on more inert facts changes the key")
	}
	if m := openFactsMemo(variant, nil, nil); m.entry == memo.entry {
		t.Error("without inert fact types, passed-on facts do not change the key")
	}
	for name, dep := range map[string]string{
		"another fact of the dependency's own": facts("qown.vetx", qOwn, gobFact{PkgPath: "q", Object: "T.M1", Fact: &inertFact{N: 1}}),
		"a fact passed on that is not inert":   facts("qlive.vetx", qOwn, gobFact{PkgPath: "r", Object: "T.M0", Fact: &liveFact{N: 1}}),
	} {
		if m := openFactsMemo(unit("p [r.test]", "b003", dep), nil, inert); m.entry == memo.entry {
			t.Errorf("%s: same key", name)
		}
	}
	// first writes its own fact and passes on q's; variant reuses its own
	// fact and passes on what its dependency passes on.
	memo.record(first.VetxOutput)
	pOwn := gobFact{PkgPath: "p", Object: "F", Fact: &liveFact{N: 3}}
	facts(filepath.Join("go-build1", "b001", "vet.out"), pOwn, qOwn)
	got, ok := openFactsMemo(variant, nil, inert).lookup(variant)
	if !ok {
		t.Fatal("the variant unit found no facts")
	}
	decoded, err := inert.decodeAll(got)
	if err != nil {
		t.Fatal(err)
	}
	if want := []gobFact{pOwn, qOwn, testingFact}; !reflect.DeepEqual(decoded, want) {
		t.Errorf("the variant unit's facts: %v, want %v", decoded, want)
	}
}
