package vetgate

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/internal/nilsafe"
)

// TestSyntaxMemo checks that the units of one package in a go vet run find
// the facts written from syntax in the memo that the first one recorded,
// that an entry that is not in the memo's format is ignored (the unit
// computes the facts and records them again), and that other files make
// another key.
func TestSyntaxMemo(t *testing.T) {
	work := filepath.Join(t.TempDir(), "go-build7")
	src := filepath.Join(t.TempDir(), "pb")
	if err := os.MkdirAll(src, 0o777); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(src, "a.go"), `package pb

type User struct{ name string }

func (m *User) Touch() { m.name = "" }

func (m *User) GetName() string {
	if m == nil {
		return ""
	}
	return m.name
}
`)
	writeFile(t, filepath.Join(src, "b.go"), "package pb\n\nfunc helper() {}\n")
	inert := &inertFacts{syntax: []func(nilsafe.Summary) analysis.Fact{newParamsFact}}
	units := 0
	unit := func(importPath string) []gobFact {
		t.Helper()
		units++
		objdir := filepath.Join(work, "b"+string(rune('a'+units)))
		if err := os.MkdirAll(objdir, 0o777); err != nil {
			t.Fatal(err)
		}
		cfg := &config{
			ImportPath: importPath,
			GoFiles:    []string{filepath.Join(src, "a.go"), filepath.Join(src, "b.go")},
			VetxOnly:   true,
			VetxOutput: filepath.Join(objdir, "vet.out"),
		}
		facts, err := inert.nilSafeFacts(cfg, newUnitSources(cfg.GoFiles), nil)
		if err != nil {
			t.Fatal(err)
		}
		return facts
	}
	entries := func() []string {
		t.Helper()
		names, err := filepath.Glob(filepath.Join(work, "weaklint-syntax-*"))
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	const std = "encoding/pb"                                              // a standard path: the method rule alone
	getName := &paramsFact{NilResults: []nilsafe.NilResult{{Value: `""`}}} // "" for nil
	want := []gobFact{{PkgPath: std, Object: "User.M1", Fact: getName}}
	if got := unit(std); !reflect.DeepEqual(got, want) {
		t.Fatalf("first unit: %v, want %v", got, want)
	}
	if len(entries()) != 1 {
		t.Fatalf("memo entries after the first unit: %q, want one", entries())
	}
	entry := entries()[0]
	setEntry := func(content string) {
		t.Helper()
		os.Remove(entry) // a link to a shared file: never write through it
		writeFile(t, entry, content)
	}

	// The next unit reads the entry: one that says otherwise is believed.
	setEntry(syntaxMemoHeader + "User.M7\t0,2\nF\t\nUser.M8\t\t0.0=\"-1\",0.2=\"`a,\\\"\\tb`\"\n")
	wantMemo := []gobFact{
		{PkgPath: std, Object: "User.M7", Fact: &paramsFact{Params: []int{0, 2}}},
		{PkgPath: std, Object: "F", Fact: &paramsFact{}},
		{PkgPath: std, Object: "User.M8", Fact: &paramsFact{NilResults: []nilsafe.NilResult{{Value: "-1"}, {Result: 2, Value: "`a,\"\tb`"}}}},
	}
	if got := unit(std); !reflect.DeepEqual(got, wantMemo) {
		t.Errorf("unit with a memo entry: %v, want %v", got, wantMemo)
	}

	// Entries of another format are ignored, and replaced.
	for _, bad := range []string{
		"",
		"weaklint syntax derefs 0\nUser.M7\t\n",              // another version
		syntaxMemoHeader + "User.M7\t",                       // cut short
		syntaxMemoHeader + "User.M7\n",                       // no tab
		syntaxMemoHeader + "User.M7\tx\n",                    // not a parameter
		syntaxMemoHeader + "User.M7\t-1\n",                   // not a parameter
		syntaxMemoHeader + "User.M7\t01\n",                   // not as written
		syntaxMemoHeader + "User.X7\t\n",                     // not a method path
		syntaxMemoHeader + "1User.M7\t\n",                    // not a type name
		syntaxMemoHeader + "\t\n",                            // no path
		syntaxMemoHeader + "User.M1.M2\t\n",                  // not a method path
		syntaxMemoHeader + "User.M7\t\t\n",                   // no nil result after the tab
		syntaxMemoHeader + "User.M7\t\t0.0=1\n",              // not quoted
		syntaxMemoHeader + "User.M7\t\t0=\"1\"\n",            // no result
		syntaxMemoHeader + "User.M7\t\t0.-1=\"1\"\n",         // not a result
		syntaxMemoHeader + "User.M7\t\t0.0=\"1\"0.1=\"2\"\n", // no comma
		syntaxMemoHeader + "User.M7\t\t0.0=\"1\",\n",         // nothing after the comma
		"{\"facts\": [\"User.M1\"]}\n",                       // foreign
	} {
		setEntry(bad)
		if got := unit(std); !reflect.DeepEqual(got, want) {
			t.Errorf("entry %q: %v, want %v", bad, got, want)
		}
		if data, err := os.ReadFile(entry); err != nil || string(data) != syntaxMemoHeader+"User.M1\t\t0.0=\"\\\"\\\"\"\n" {
			t.Errorf("entry %q not replaced: %q, %v", bad, data, err)
		}
	}

	// Another package path (here with the parameter rule) or changed
	// files make another key.
	const mod = "example.com/pb"
	wantMod := []gobFact{
		{PkgPath: mod, Object: "User.M1", Fact: getName},
	}
	if got := unit(mod); !reflect.DeepEqual(got, wantMod) {
		t.Errorf("module path: %v, want %v", got, wantMod)
	}
	writeFile(t, filepath.Join(src, "b.go"), `package pb

func (m *User) Name() string {
	if m != nil {
		return m.name
	}
	return ""
}
`)
	wantChanged := []gobFact{
		{PkgPath: std, Object: "User.M1", Fact: getName},
		{PkgPath: std, Object: "User.M2", Fact: getName},
	}
	if got := unit(std); !reflect.DeepEqual(got, wantChanged) {
		t.Errorf("changed files: %v, want %v", got, wantChanged)
	}
	if n := len(entries()); n != 3 {
		t.Errorf("%d memo entries, want 3 (%q)", n, entries())
	}

	// A package without a candidate file neither reads nor writes one.
	for _, name := range []string{"a.go", "b.go"} {
		writeFile(t, filepath.Join(src, name), "package pb\n\nfunc helper() {}\n")
	}
	if got := unit(std); got != nil {
		t.Errorf("no candidate: %v", got)
	}
	if n := len(entries()); n != 3 {
		t.Errorf("%d memo entries after a package without candidates, want 3", n)
	}
}

// TestSyntaxMemoCoversSummary: a memo entry holds every field of a
// nilsafe.Summary, so that a unit that reads it writes the facts that
// computing them gives; a field added to Summary must be encoded too.
func TestSyntaxMemoCoversSummary(t *testing.T) {
	var names []string
	for f := range reflect.TypeFor[nilsafe.Summary]().Fields() {
		names = append(names, f.Name)
	}
	if want := []string{"Params", "NilResults"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("nilsafe.Summary has fields %v; encodeSyntaxDerefs and decodeSyntaxDerefs encode %v", names, want)
	}
	in := []syntaxDeref{
		{path: "T.M0", params: []int{0, 2}, nilResults: []nilsafe.NilResult{{Param: 0, Result: 1, Value: "\"a,b\t\\n\""}, {Param: 0, Result: 0, Value: "false"}}},
		{path: "F"},
	}
	out, ok := decodeSyntaxDerefs(encodeSyntaxDerefs(in))
	if !ok || !reflect.DeepEqual(out, in) {
		t.Errorf("memo round trip: %+v, %v; want %+v", out, ok, in)
	}
}
