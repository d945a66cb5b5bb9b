package errfilter

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFilter(t *testing.T) {
	in := `-: stat /src/nosuch: directory not found
weaklintssa: analysis skipped due to errors in package
weakderef: failed prerequisites: weaklintssa@./nosuch
/src/bad/bad.go:8:13: cannot use "s" (untyped string constant) as int value in variable declaration
cleanupref: failed prerequisites: weaklintssa@example.com/bad, inspect@example.com/bad
/src/a/a.go:3:2: possible nil dereference: p.Value() returns nil once the referent is garbage collected; check the result for nil before use
/src/a/a.go:4:2: a message that mentions failed prerequisites: stays
`
	want := `stat /src/nosuch: directory not found
/src/bad/bad.go:8:13: cannot use "s" (untyped string constant) as int value in variable declaration
/src/a/a.go:3:2: possible nil dereference: p.Value() returns nil once the referent is garbage collected; check the result for nil before use
/src/a/a.go:4:2: a message that mentions failed prerequisites: stays
`
	var out strings.Builder
	if err := Filter(&out, strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	if out.String() != want {
		t.Errorf("Filter:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestWanted(t *testing.T) {
	t.Setenv(ChildEnv, "")
	for _, test := range []struct {
		args []string
		want bool
	}{
		{[]string{"./..."}, true},
		{[]string{"-json", "-weakderef=false", "./..."}, true},
		{[]string{"help"}, true},
		{[]string{"-V=full"}, false},
		{[]string{"-flags"}, false},
		{[]string{"-json", "/tmp/b001/vet.cfg"}, false},
	} {
		if got := Wanted(test.args); got != test.want {
			t.Errorf("Wanted(%q) = %v, want %v", test.args, got, test.want)
		}
	}
	t.Setenv(ChildEnv, "1")
	if Wanted([]string{"./..."}) {
		t.Error("Wanted in the child process")
	}
}

// TestSyntaxError: a file that does not parse is reported once, by its
// first syntax error, as go vet does; the errors that follow from it (more
// parser complaints, type errors in its package) are dropped.
func TestSyntaxError(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "p", "bad.go")
	other := filepath.Join(dir, "p", "other.go")
	fine := filepath.Join(dir, "q", "q.go")
	for name, src := range map[string]string{
		bad:   "package p\n\nfunc f( {\n",
		other: "package p\n\nvar _ = f\n",
		fine:  "package q\n\nvar x int = \"s\"\n",
	} {
		os.MkdirAll(filepath.Dir(name), 0o777)
		if err := os.WriteFile(name, []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	in := bad + ":3:9: expected ')', found '{'\n" +
		bad + ":3:11: expected ')', found 'EOF'\n" +
		bad + ":3:11: missing ',' in parameter list\n" +
		other + ":3:9: undefined: f\n" +
		fine + ":3:13: cannot use \"s\" (untyped string constant) as int value in variable declaration\n"
	want := bad + ":3:9: expected ')', found '{'\n" +
		fine + ":3:13: cannot use \"s\" (untyped string constant) as int value in variable declaration\n"
	var out strings.Builder
	if err := Filter(&out, strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	if out.String() != want {
		t.Errorf("Filter:\n%s\nwant:\n%s", out.String(), want)
	}
}
