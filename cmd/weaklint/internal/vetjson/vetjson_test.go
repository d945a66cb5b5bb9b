package vetjson

import (
	"strings"
	"testing"
)

// TestDedupe: a test variant repeats its package's diagnostics; go vet
// prints one object per package, and Decode merges them.
func TestDedupe(t *testing.T) {
	stream := `{"p": {"weakderef": [{"posn": "/m/p/p.go:3:2", "end": "", "message": "m"}]}}
{"p [p.test]": {"weakderef": [{"posn": "/m/p/p.go:3:2", "end": "", "message": "m"},
                              {"posn": "/m/p/p_test.go:5:2", "end": "", "message": "m"}],
                "cleanupref": {"error": "boom"}}}
{}
`
	tree, err := Decode(strings.NewReader(stream))
	if err != nil {
		t.Fatal(err)
	}
	tree.Dedupe()
	if n := tree.Count(); n != 2 {
		t.Errorf("%d diagnostics after Dedupe, want 2: %+v", n, tree)
	}
	if got := tree["p [p.test]"]["weakderef"].Diagnostics; len(got) != 1 || got[0].Posn != "/m/p/p_test.go:5:2" {
		t.Errorf("test variant keeps %+v, want only p_test.go's", got)
	}
	if tree["p [p.test]"]["cleanupref"].Error != "boom" {
		t.Error("an analyzer's error was dropped")
	}
}

func TestParsePosn(t *testing.T) {
	for posn, want := range map[string]Position{
		"/a/b.go:3:4":   {"/a/b.go", 3, 4},
		"C:/a/b.go:3:4": {"C:/a/b.go", 3, 4},
		"b.go:7":        {"b.go", 7, 0},
	} {
		if got, ok := ParsePosn(posn); !ok || got != want {
			t.Errorf("ParsePosn(%q) = %+v, %v; want %+v", posn, got, ok, want)
		}
	}
	if _, ok := ParsePosn("-"); ok {
		t.Error(`ParsePosn("-") ok`)
	}
}
