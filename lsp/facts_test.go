package lsp

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/weaklint/weaklint/analyzer"
)

// TestFactsOfDependenciesWithoutSyntax: with weaklint's analyzers, a load
// keeps no syntax of dependencies (testdata/lsp/facts: use imports mid,
// which forwards to wrap's cleanup registrar). The cleanup registered
// through mid is found from wrap's facts; opening wrap.go re-checks it from
// its files; an edit that makes wrap no registrar reaches use through mid,
// whose syntax is parsed again, and the diagnostic goes; none of it loads
// again.
func TestFactsOfDependenciesWithoutSyntax(t *testing.T) {
	c, dir, read := factsFixture(t)
	use := c.open(filepath.Join(dir, "use", "use.go"), read("use/use.go"))
	if p := c.diagnostics(use, "diagnostics of use.go", hasVersion(1)); !capturesF(p) {
		t.Fatalf("use.go: %q, want the cleanup that captures f (through mid.Watch and wrap.OnCollect)", messagesOf(p))
	}
	if c.server.session.Stats.Skipped.Load() == 0 {
		t.Errorf("no dependency skipped: plain cannot matter to the analyzers")
	}
	loads := c.server.session.Stats.Loads.Load()

	src := read("wrap/wrap.go")
	wrap := c.open(filepath.Join(dir, "wrap", "wrap.go"), src)
	if p := c.diagnostics(wrap, "diagnostics of wrap.go", hasVersion(1)); len(p.Diagnostics) != 0 {
		t.Errorf("wrap.go: %q, want none", messagesOf(p))
	}
	noCleanup := strings.Replace(src, "runtime.AddCleanup(p, func(struct{}) { fn() }, struct{}{})", "_, _ = p, fn\n\t_ = runtime.GOOS", 1)
	if noCleanup == src {
		t.Fatal("the fixture no longer registers the cleanup the test removes")
	}
	c.change(wrap, 2, noCleanup)
	c.diagnostics(use, "use.go without diagnostics once wrap registers nothing", func(p *protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) == 0
	})
	c.change(wrap, 3, src)
	c.diagnostics(use, "use.go with its diagnostic again", capturesF)
	if n := c.server.session.Stats.Loads.Load() - loads; n != 0 {
		t.Errorf("%d loads after the first, want 0:\n%s", n, c.serverLog())
	}
	if got := messagesOf(c.diagnostics(wrap, "diagnostics of wrap.go", hasVersion(3))); !slices.Equal(got, nil) {
		t.Errorf("wrap.go: %q, want none", got)
	}
	c.shutdown()
}

// TestOpenPackageTheAnalyzersSkip: an open package that cannot matter to
// weaklint's analyzers (plain of testdata/lsp/facts: no weak, no
// registrar, no dependency with facts) is checked without its function
// bodies and gets no diagnostics; an edit that makes it matter (a weak
// pointer dereferenced unchecked) gets weakderef's, and going back clears
// them.
func TestOpenPackageTheAnalyzersSkip(t *testing.T) {
	c := startServer(t, analyzer.All()...)
	c.initialize(map[string]any{"debounce": 0})
	name := filepath.Join(fixtureDir(t, "facts"), "plain", "plain.go")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	u := c.open(name, string(src))
	if p := c.diagnostics(u, "diagnostics of plain.go", hasVersion(1)); len(p.Diagnostics) != 0 {
		t.Errorf("plain.go: %q, want none", messagesOf(p))
	}
	weakUse := strings.Replace(string(src), "import \"strings\"", "import (\n\t\"strings\"\n\t\"weak\"\n)", 1) +
		"\nfunc Name(p weak.Pointer[string]) string { return *p.Value() }\n"
	c.change(u, 2, weakUse)
	p := c.diagnostics(u, "diagnostics of plain.go using weak", hasVersion(2))
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "weakderef" {
		t.Errorf("plain.go dereferencing a weak pointer unchecked: %q, want weakderef's diagnostic", messagesOf(p))
	}
	// Without the import of weak again (no load: a dropped import needs
	// none), after a version where the unchecked dereference is gone.
	c.change(u, 3, strings.Replace(weakUse, "return *p.Value()", "if v := p.Value(); v != nil {\n\t\treturn *v\n\t}\n\treturn \"\"", 1))
	if p := c.diagnostics(u, "diagnostics of plain.go checking the weak pointer", hasVersion(3)); len(p.Diagnostics) != 0 {
		t.Errorf("plain.go checking the weak pointer: %q, want none", messagesOf(p))
	}
	loads := c.server.session.Stats.Loads.Load()
	c.change(u, 4, string(src))
	if p := c.diagnostics(u, "diagnostics of plain.go as it was", hasVersion(4)); len(p.Diagnostics) != 0 {
		t.Errorf("plain.go back as it was: %q, want none", messagesOf(p))
	}
	c.change(u, 5, weakUse)
	if p := c.diagnostics(u, "diagnostics of plain.go using weak again", hasVersion(5)); len(p.Diagnostics) != 1 {
		t.Errorf("plain.go using weak again: %q, want weakderef's diagnostic", messagesOf(p))
	}
	if n := c.server.session.Stats.Loads.Load() - loads; n != 0 {
		t.Errorf("%d loads for edits that add no import go list has not resolved, want 0", n)
	}
	c.shutdown()
}

// TestEditBackReusesTheVersion: an edit back to contents analyzed a moment
// ago (undo) reuses that version of the package, with its diagnostics and
// its facts; once a dependency changed, the same contents are analyzed
// again, against the new dependency.
func TestEditBackReusesTheVersion(t *testing.T) {
	c, dir, read := factsFixture(t)
	orig := read("use/use.go")
	fixed := strings.Replace(orig, "mid.Watch(f, func() { f.Close() })", "mid.Watch(f, func() {})", 1)
	if fixed == orig {
		t.Fatal("the fixture no longer has the cleanup the test fixes")
	}
	use := c.open(filepath.Join(dir, "use", "use.go"), orig)
	want := func(n int) func(*protocol.PublishDiagnosticsParams) bool {
		return func(p *protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) == n }
	}
	c.diagnostics(use, "diagnostics of use.go", want(1))
	for v, step := range []struct {
		text  string
		diags int
	}{{fixed, 0}, {orig, 1}, {fixed, 0}, {orig, 1}} {
		c.change(use, v+2, step.text)
		if p := c.diagnostics(use, "diagnostics of the edit", hasVersion(v+2)); len(p.Diagnostics) != step.diags {
			t.Errorf("version %d: %q, want %d diagnostics", v+2, messagesOf(p), step.diags)
		}
	}
	if n := c.server.session.Stats.Reused.Load(); n != 3 {
		t.Errorf("%d versions reused, want 3 (each edit after the first goes back to the version before)", n)
	}
	// wrap registers nothing now: use's contents as they were a moment ago
	// get no diagnostic.
	wrapSrc := read("wrap/wrap.go")
	wrap := c.open(filepath.Join(dir, "wrap", "wrap.go"), wrapSrc)
	c.diagnostics(wrap, "diagnostics of wrap.go", hasVersion(1))
	c.change(wrap, 2, strings.Replace(wrapSrc, "runtime.AddCleanup(p, func(struct{}) { fn() }, struct{}{})", "_, _ = p, fn\n\t_ = runtime.GOOS", 1))
	c.diagnostics(use, "use.go once wrap registers nothing", want(0))
	c.change(use, 6, fixed)
	c.diagnostics(use, "diagnostics of use.go fixed", hasVersion(6))
	c.change(use, 7, orig)
	if p := c.diagnostics(use, "diagnostics of use.go as it was", hasVersion(7)); len(p.Diagnostics) != 0 {
		t.Errorf("use.go as it was, wrap registering nothing: %q, want none (not the version analyzed against the old wrap)", messagesOf(p))
	}
	c.shutdown()
}
