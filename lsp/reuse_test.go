package lsp

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/weaklint/weaklint/lsp/internal/testanalyzer"
)

// TestOpeningReusesLoadedPackages opens, after a file of package a, a file
// of b (which a imports) and a second file of a: neither needs a load.
func TestOpeningReusesLoadedPackages(t *testing.T) {
	c := startServer(t, testanalyzer.BadCall, testanalyzer.Strict)
	c.initialize(map[string]any{"debounce": 0})
	dir := fixtureDir(t, "basic")
	read := func(name string) string {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(src)
	}
	a := c.open(filepath.Join(dir, "a", "a.go"), read("a/a.go"))
	c.diagnostics(a, "diagnostics of a.go", hasVersion(1))
	loads := c.server.session.Stats.Loads.Load()

	b := c.open(filepath.Join(dir, "b", "b.go"), read("b/b.go"))
	if got, want := messagesOf(c.diagnostics(b, "diagnostics of b.go", hasVersion(1))), []string{"call of bad: call good instead", "strict: call of bad"}; !slices.Equal(got, want) {
		t.Errorf("b.go: %q, want %q", got, want)
	}
	// A second file of a, with unsaved content: a re-check of a.
	a2 := c.open(filepath.Join(dir, "a", "a2.go"), strings.Replace(read("a/a2.go"), "G()", "G2()", 1))
	if got, want := messagesOf(c.diagnostics(a2, "diagnostics of a2.go", hasVersion(1))), []string{"call of bad: call good instead", "strict: call of bad"}; !slices.Equal(got, want) {
		t.Errorf("a2.go: %q, want %q", got, want)
	}
	// An edit of b reaches a, as for files opened together.
	c.change(b, 2, strings.Replace(read("b/b.go"), "func Wrap() { bad() }", "func Wrap() {}", 1))
	c.diagnostics(a, "diagnostics of a.go after the edit of b.go", func(p *protocol.PublishDiagnosticsParams) bool {
		return slices.Equal(messagesOf(p), []string{"call of bad: call good instead", "strict: call of bad"})
	})
	if n := c.server.session.Stats.Loads.Load() - loads; n != 0 {
		t.Errorf("%d loads after the first, want 0:\n%s", n, c.serverLog())
	}
	c.shutdown()
}

// TestLoadCancelled closes the only open file of a module while its
// packages load, and opens a file of another module: the first load is
// cancelled, the second file's diagnostics come.
func TestLoadCancelled(t *testing.T) {
	c := startServer(t, testanalyzer.BadCall)
	c.initialize(map[string]any{"debounce": 0})
	// The bench module loads in seconds: its packages import much of std.
	name := filepath.Join(fixtureDir(t, "bench"), "store", "user.go")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	slow := c.open(name, string(src))
	deadline := time.Now().Add(testTimeout)
	for !strings.Contains(c.serverLog(), "loading the packages") {
		if time.Now().After(deadline) {
			t.Fatalf("no load started")
		}
		time.Sleep(5 * time.Millisecond)
	}
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": slow}})
	bName := filepath.Join(fixtureDir(t, "basic"), "b", "b.go")
	bSrc, err := os.ReadFile(bName)
	if err != nil {
		t.Fatal(err)
	}
	b := c.open(bName, string(bSrc))
	if got, want := messagesOf(c.diagnostics(b, "diagnostics of b.go", hasVersion(1))), []string{"call of bad: call good instead"}; !slices.Equal(got, want) {
		t.Errorf("b.go: %q, want %q", got, want)
	}
	c.shutdown()
	if n := c.server.session.Stats.CancelledLoads.Load(); n != 1 {
		t.Errorf("%d loads cancelled, want 1:\n%s", n, c.serverLog())
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range c.received {
		var p protocol.PublishDiagnosticsParams
		if m.Method == protocol.MethodTextDocumentPublishDiagnostics && jsonDecode(m.Params, &p) && p.URI == slow && len(p.Diagnostics) > 0 {
			t.Errorf("diagnostics published for a file closed during its load: %s", m.Params)
		}
	}
}
