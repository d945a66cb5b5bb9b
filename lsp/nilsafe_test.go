package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/weaklint/weaklint/analyzer"
)

// TestNilSafeMethodsOfSkippedDependencies: the server reports in
// testdata/modules/nilsafe what weaklint ./... and go vet report there
// (cmd/weaklint's TestVetGateNilSafeFacts): pb imports nothing weak, so the
// server checks it without bodies and does not analyze it, yet app's calls
// of pb's nil-safe getters on a possibly reclaimed referent are quiet, as
// derefs' facts on them make them in standalone. Opening pb and making
// GetName dereference its receiver reports app's two calls of it (one
// through relay's alias); undoing the edit makes them quiet again.
func TestNilSafeMethodsOfSkippedDependencies(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "modules", "nilsafe"))
	if err != nil {
		t.Fatal(err)
	}
	read := func(rel string) string {
		data, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	const deref = "possible nil dereference: wp.Value() returns nil once the referent is garbage collected; check the result for nil before use"
	// The findings of weaklint ./... (TestVetGateNilSafeFacts), 0-based.
	want := []string{"15:50 " + deref, "17:67 " + deref, "24:70 " + deref, "27:56 " + deref, "31:58 " + deref}
	findings := func(p *protocol.PublishDiagnosticsParams) []string {
		var out []string
		for _, d := range p.Diagnostics {
			out = append(out, fmt.Sprintf("%d:%d %s", d.Range.Start.Line, d.Range.Start.Character, d.Message))
		}
		slices.Sort(out)
		return out
	}

	c := startServer(t, analyzer.All()...)
	c.initialize(map[string]any{"debounce": 0})
	app := c.open(filepath.Join(dir, "app", "app.go"), read("app/app.go"))
	if got := findings(c.diagnostics(app, "diagnostics of app.go", hasVersion(1))); !slices.Equal(got, want) {
		t.Errorf("app.go:\n%s\nwant (as weaklint ./...):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c.server.session.Stats.Skipped.Load() == 0 {
		t.Errorf("no dependency skipped: pb and relay cannot matter to the analyzers")
	}

	src := read("pb/getters.go")
	deref2 := strings.Replace(src, "if m == nil {\n\t\treturn \"\"\n\t}\n\treturn m.Name", "return m.Name", 1)
	if deref2 == src {
		t.Fatal("the fixture no longer has the nil check of GetName the test removes")
	}
	pb := c.open(filepath.Join(dir, "pb", "getters.go"), src)
	c.diagnostics(pb, "diagnostics of getters.go", hasVersion(1))
	c.change(pb, 2, deref2)
	withName := slices.Sorted(slices.Values(append([]string{"11:63 " + deref, "20:71 " + deref}, want...)))
	c.diagnostics(app, "app.go's calls of GetName reported once it dereferences", func(p *protocol.PublishDiagnosticsParams) bool {
		return slices.Equal(findings(p), withName)
	})
	c.change(pb, 3, src)
	c.diagnostics(app, "app.go's calls of GetName quiet again", func(p *protocol.PublishDiagnosticsParams) bool {
		return slices.Equal(findings(p), want)
	})
	c.shutdown()
}
