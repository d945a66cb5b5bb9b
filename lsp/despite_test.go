package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/weaklint/weaklint/lsp/internal/testanalyzer"
)

// codesOf lists a publication's diagnostics as "line:analyzer".
func codesOf(p *protocol.PublishDiagnosticsParams) []string {
	var codes []string
	for _, d := range p.Diagnostics {
		codes = append(codes, fmt.Sprintf("%d:%v", d.Range.Start.Line, d.Code))
	}
	return codes
}

// TestDiagnosticsDespiteErrors edits a second file of a package through
// the errors typing goes through: an unused variable, an undefined name, a
// broken declaration, an empty new file. badcall runs despite errors,
// strict does not trust broken declarations, fragile fails on packages with
// errors (as SSA-based analyzers do) unless the server can stub out the
// broken function bodies: the other file keeps its diagnostics all along,
// and the editor's log says why the broken file was not fully analyzed.
func TestDiagnosticsDespiteErrors(t *testing.T) {
	c := startServer(t, testanalyzer.BadCall, testanalyzer.Strict, testanalyzer.Fragile)
	c.initialize(map[string]any{"debounce": 0})
	dir := filepath.Join(fixtureDir(t, "basic"), "b")
	src, err := os.ReadFile(filepath.Join(dir, "b.go"))
	if err != nil {
		t.Fatal(err)
	}
	b := c.open(filepath.Join(dir, "b.go"), string(src))
	bWant := []string{"7:badcall", "7:fragile", "7:strict"}
	if got := codesOf(c.diagnostics(b, "diagnostics of b.go", hasVersion(1))); !slices.Equal(got, bWant) {
		t.Fatalf("b.go: %q, want %q", got, bWant)
	}
	b2 := c.open(filepath.Join(dir, "b2.go"), "package b\n\nfunc G() { bad() }\n")
	if got, want := codesOf(c.diagnostics(b2, "diagnostics of b2.go", hasVersion(1))), []string{"2:badcall", "2:fragile", "2:strict"}; !slices.Equal(got, want) {
		t.Fatalf("b2.go: %q, want %q", got, want)
	}

	// Each step: b2.go's new text, its diagnostics, and a note expected in
	// the editor's log ("" for none).
	steps := []struct {
		text string
		want []string
		note string
	}{
		// A soft error: the types are complete, everything runs.
		{"package b\n\nfunc G() { x := 1; bad() }\n", []string{"2:badcall", "2:fragile", "2:strict"}, ""},
		// A hard error in G's body: badcall sees G as it is; strict and
		// fragile see the package with G's body stubbed out, so fragile
		// does not fail, and both report in H.
		{"package b\n\nfunc G() { bad(); undefined() }\n\nfunc H() { bad() }\n", []string{"2:badcall", "4:badcall", "4:fragile", "4:strict"}, "declarations with errors are not analyzed by strict, fragile"},
		// A hard error outside a function body cannot be stubbed out:
		// fragile fails, strict skips the broken declaration.
		{"package b\n\nvar x int = \"no\"\n\nfunc H() { bad() }\n", []string{"4:badcall", "4:strict"}, "fragile could not analyze"},
		// An empty new file: nothing to show in it.
		{"", nil, ""},
		// Fixed.
		{"package b\n\nfunc G() { bad() }\n", []string{"2:badcall", "2:fragile", "2:strict"}, ""},
	}
	for i, step := range steps {
		v := i + 2
		c.change(b2, v, step.text)
		if got := codesOf(c.diagnostics(b2, "diagnostics of b2.go", hasVersion(v))); !slices.Equal(got, step.want) {
			t.Errorf("step %d: b2.go: %q, want %q", i, got, step.want)
		}
		if step.note != "" {
			c.await("a log message: "+step.note, func(m message) bool {
				return m.Method == "window/logMessage" && strings.Contains(string(m.Params), "b2.go") && strings.Contains(string(m.Params), step.note)
			}, nil)
		}
		// b.go never loses its diagnostics: no publication for it may
		// differ from the first.
		c.mu.Lock()
		for _, m := range c.received {
			var p protocol.PublishDiagnosticsParams
			if m.Method == protocol.MethodTextDocumentPublishDiagnostics && jsonDecode(m.Params, &p) && p.URI == b {
				if got := codesOf(&p); !slices.Equal(got, bWant) {
					t.Errorf("step %d: b.go published with %q, want %q", i, got, bWant)
				}
			}
		}
		c.mu.Unlock()
	}
	c.shutdown()
}
