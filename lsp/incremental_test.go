package lsp

import (
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// TestEditThatImportersCannotSee (testdata/lsp/facts: use imports mid,
// which forwards to wrap's cleanup registrar; use and wrap are open): an
// edit inside wrap's function body that keeps its declarations and facts
// re-checks wrap alone, and use keeps its diagnostic; an edit that changes
// wrap's facts (the cleanup OnCollect registers no longer
// runs fn) re-checks mid and use, whose
// diagnostic goes, and comes back with the registration.
func TestEditThatImportersCannotSee(t *testing.T) {
	c, dir, read := factsFixture(t)
	use := c.open(filepath.Join(dir, "use", "use.go"), read("use/use.go"))
	if p := c.diagnostics(use, "diagnostics of use.go", hasVersion(1)); !capturesF(p) {
		t.Fatalf("use.go: %q, want the cleanup that captures f", messagesOf(p))
	}
	src := read("wrap/wrap.go")
	wrap := c.open(filepath.Join(dir, "wrap", "wrap.go"), src)
	c.diagnostics(wrap, "diagnostics of wrap.go", hasVersion(1))
	stats := &c.server.session.Stats
	loads, rechecks, kept := stats.Loads.Load(), stats.Rechecks.Load(), stats.SameForImporters.Load()

	const call = "runtime.AddCleanup(p, func(struct{}) { fn() }, struct{}{})"
	body := strings.Replace(src, call, "_ = len(\"same API, same facts\")\n\t"+call, 1)
	if body == src {
		t.Fatal("the fixture no longer registers the cleanup the test edits around")
	}
	c.change(wrap, 2, body)
	if p := c.diagnostics(wrap, "diagnostics of wrap.go edited in its body", hasVersion(2)); len(p.Diagnostics) != 0 {
		t.Errorf("wrap.go: %q, want none", messagesOf(p))
	}
	if n := stats.Rechecks.Load() - rechecks; n != 1 {
		t.Errorf("%d packages re-checked after an edit inside a function body of wrap, want 1 (wrap; not mid and use):\n%s", n, c.serverLog())
	}
	if n := stats.SameForImporters.Load() - kept; n != 1 {
		t.Errorf("%d versions kept for the importers, want 1", n)
	}
	// use's diagnostic is still right: a change that is use's own shows it
	// (a re-check of use against the wrap and mid it kept).
	c.change(use, 2, read("use/use.go")+"\n// edited\n")
	if p := c.diagnostics(use, "diagnostics of use.go edited", hasVersion(2)); !capturesF(p) {
		t.Errorf("use.go after wrap's body changed: %q, want the cleanup that captures f", messagesOf(p))
	}

	// wrap's facts change, not its declarations nor whether the analyzers
	// skip it: the cleanup OnCollect registers no longer runs fn; mid and
	// use are re-checked and use's diagnostic goes.
	rechecks = stats.Rechecks.Load()
	c.change(wrap, 3, strings.Replace(body, call, "runtime.AddCleanup(p, func(struct{}) {}, struct{}{})", 1))
	c.diagnostics(use, "use.go without diagnostics once wrap's cleanup does not run fn", func(p *protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) == 0
	})
	if n := stats.Rechecks.Load() - rechecks; n != 3 {
		t.Errorf("%d packages re-checked after wrap's facts changed, want 3 (wrap, mid, use)", n)
	}
	// And back (a version of wrap with the registration but other
	// contents than any before, so that nothing is reused).
	rechecks = stats.Rechecks.Load()
	c.change(wrap, 4, body+"\n// registers again\n")
	c.diagnostics(use, "use.go with its diagnostic again", capturesF)
	if n := stats.Rechecks.Load() - rechecks; n != 3 {
		t.Errorf("%d packages re-checked after wrap's facts came back, want 3 (wrap, mid, use)", n)
	}
	if n := stats.Loads.Load() - loads; n != 0 {
		t.Errorf("%d loads after the first, want 0", n)
	}
	c.shutdown()
}
