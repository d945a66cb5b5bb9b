package errfilter

import (
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
	t.Setenv(childEnv, "")
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
	t.Setenv(childEnv, "1")
	if Wanted([]string{"./..."}) {
		t.Error("Wanted in the child process")
	}
}
