package vetgate

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/internal/nilsafe"
)

// TestFilesMemo checks that the dependency units of one package in a go
// vet run take what the gate knows of their files from the entry that the
// first one recorded (an entry that says otherwise is believed), that
// changed files make another key, that entries not in the memo's format are
// ignored and replaced, and that a file with a syntax error makes every
// unit that has it go full as it would without the memo: a dependency
// unit's broken imports from the entry, a root unit's broken body because
// root units do not use the memo.
func TestFilesMemo(t *testing.T) {
	work := filepath.Join(t.TempDir(), "go-build7")
	src := filepath.Join(t.TempDir(), "pb")
	if err := os.MkdirAll(src, 0o777); err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(src, "a.go"), filepath.Join(src, "b.go")
	writeFile(t, a, `package pb

import "strings"

type User struct{ name string }

func (m *User) GetName() string {
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m.name)
}
`)
	writeFile(t, b, "package pb\n\nfunc helper() {}\n")
	inert := &inertFacts{syntax: []func(nilsafe.Summary) analysis.Fact{newParamsFact}, all: []analysis.Fact{new(paramsFact)}}
	const std = "encoding/pb" // a standard path: the method rule alone
	units := 0
	config := func(vetxOnly bool, files ...string) *config {
		t.Helper()
		units++
		objdir := filepath.Join(work, "b"+string(rune('a'+units)))
		if err := os.MkdirAll(objdir, 0o777); err != nil {
			t.Fatal(err)
		}
		return &config{ID: std, ImportPath: std, GoFiles: files, VetxOnly: vetxOnly, VetxOutput: filepath.Join(objdir, "vet.out")}
	}
	// unit runs the gate on a unit and returns its decision, and the
	// facts it writes from syntax if it skips.
	unit := func(vetxOnly bool, files ...string) (bool, string, []gobFact) {
		t.Helper()
		cfg := config(vetxOnly, files...)
		skip, reason, _ := skippable(cfg, inert)
		if !skip {
			return false, reason, nil
		}
		memo := openFilesMemo(cfg)
		facts, err := inert.nilSafeFacts(cfg, newUnitSources(cfg.GoFiles), memo)
		if err != nil {
			t.Fatal(err)
		}
		return true, "", facts
	}
	entries := func() []string {
		t.Helper()
		names, err := filepath.Glob(filepath.Join(work, "weaklint-files-*"))
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	getName := &paramsFact{NilResults: []nilsafe.NilResult{{Value: `""`}}}
	want := []gobFact{{PkgPath: std, Object: "User.M0", Fact: getName}}
	if skip, reason, got := unit(true, a, b); !skip || !reflect.DeepEqual(got, want) {
		t.Fatalf("first unit: %v (%s) %v, want skipped with %v", skip, reason, got, want)
	}
	if len(entries()) != 1 {
		t.Fatalf("memo entries after the first unit: %q, want one", entries())
	}
	entry := entries()[0]
	wantEntry := filesMemoHeader + "\"\"\nderefs\nUser.M0\t\t0.0=\"\\\"\\\"\"\n"
	if data, err := os.ReadFile(entry); err != nil || string(data) != wantEntry {
		t.Fatalf("entry %q, %v; want %q", data, err, wantEntry)
	}
	setEntry := func(content string) {
		t.Helper()
		os.Remove(entry) // a link to a shared file: never write through it
		writeFile(t, entry, content)
	}

	// The next units read the entry: one that says otherwise is believed.
	setEntry(filesMemoHeader + "\"planted reason\"\n")
	if skip, reason, _ := unit(true, a, b); skip || reason != "planted reason" {
		t.Errorf("entry with a reason: %v (%s), want the entry's reason", skip, reason)
	}
	setEntry(filesMemoHeader + "\"\"\nderefs\nUser.M7\t0\n")
	wantPlanted := []gobFact{{PkgPath: std, Object: "User.M7", Fact: &paramsFact{Params: []int{0}}}}
	if skip, reason, got := unit(true, a, b); !skip || !reflect.DeepEqual(got, wantPlanted) {
		t.Errorf("entry with derefs: %v (%s) %v, want skipped with %v", skip, reason, got, wantPlanted)
	}

	// Entries of another format are ignored, and replaced.
	for _, bad := range []string{
		"",
		"weaklint dependency files 0\n\"\"\n",         // another version
		filesMemoHeader,                               // no reason
		filesMemoHeader + "\"\"",                      // cut short
		filesMemoHeader + "reason\n",                  // not quoted
		filesMemoHeader + "\"\"\nderef\n",             // not derefs
		filesMemoHeader + "\"\"\nderefs\nUser.",       // cut short
		filesMemoHeader + "\"\"\nderefs\nUser.X7\t\n", // not a method path
		"{\"reason\": \"\"}\n",                        // foreign
	} {
		setEntry(bad)
		if skip, reason, got := unit(true, a, b); !skip || !reflect.DeepEqual(got, want) {
			t.Errorf("entry %q: %v (%s) %v, want skipped with %v", bad, skip, reason, got, want)
		}
		if data, err := os.ReadFile(entry); err != nil || string(data) != wantEntry {
			t.Errorf("entry %q not replaced: %q, %v", bad, data, err)
		}
	}

	// Changed files make another key.
	writeFile(t, b, "package pb\n\nimport \"weak\"\n\nvar _ weak.Pointer[int]\n")
	if skip, reason, _ := unit(true, a, b); skip || reason != "imports weak" {
		t.Errorf("changed file: %v (%s), want not skipped, imports weak", skip, reason)
	}
	if n := len(entries()); n != 2 {
		t.Errorf("%d memo entries after a changed file, want 2 (%q)", n, entries())
	}

	// A dependency whose imports do not parse goes full, from the entry
	// too; a root unit does not use the memo (it writes no entry), and one
	// whose body does not parse goes full although a dependency unit of the
	// same files skipped.
	writeFile(t, b, "package pb\n\nimport \"strings\n")
	for range 2 {
		if skip, reason, _ := unit(true, a, b); skip || reason != "parse error" {
			t.Errorf("dependency with broken imports: %v (%s), want not skipped, parse error", skip, reason)
		}
	}
	writeFile(t, b, "package pb\n\nimport \"strings\"\n\nfunc F( {\n")
	if skip, reason, _ := unit(true, a, b); !skip {
		t.Errorf("dependency with a broken body: not skipped (%s)", reason)
	}
	n := len(entries())
	if skip, reason, _ := unit(false, a, b); skip || reason != "parse error" {
		t.Errorf("root with a broken body: %v (%s), want not skipped, parse error", skip, reason)
	}
	if got := len(entries()); got != n {
		t.Errorf("a root unit wrote a memo entry (%d, want %d)", got, n)
	}
	if got := strings.Count(strings.Join(entries(), "\n"), "weaklint-files-"); got != n {
		t.Errorf("entries: %q", entries())
	}
}
