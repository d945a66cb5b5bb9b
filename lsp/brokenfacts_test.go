package lsp

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// TestFactsOfBrokenPackage: an open package with a type error in a
// function body still exports its facts (testdata/lsp/facts: wrap's
// registrar, used by use through mid). weaklint's fact analyzers build
// SSA, which the broken body would make panic: their facts come from the
// package with the broken body stubbed out, moved onto the package's own
// objects, which importers are checked against.
func TestFactsOfBrokenPackage(t *testing.T) {
	c, dir, read := factsFixture(t)
	useSrc := read("use/use.go")
	use := c.open(filepath.Join(dir, "use", "use.go"), useSrc)
	if p := c.diagnostics(use, "diagnostics of use.go", hasVersion(1)); !capturesF(p) {
		t.Fatalf("use.go: %q, want the cleanup that captures f", messagesOf(p))
	}
	src := read("wrap/wrap.go")
	wrap := c.open(filepath.Join(dir, "wrap", "wrap.go"), src)
	c.diagnostics(wrap, "diagnostics of wrap.go", hasVersion(1))

	// A body being typed: an undefined name, and a call of a registrar
	// with too few arguments.
	for v, broken := range []string{
		src + "\nfunc Typing() { undefinedName() }\n",
		src + "\nfunc Typing(p *int) { runtime.AddCleanup(p) }\n",
	} {
		version := v + 2
		c.change(wrap, version, broken)
		c.diagnostics(wrap, "diagnostics of broken wrap.go", hasVersion(version))
		// An edit of use.go makes its diagnostics published again.
		c.change(use, version, useSrc+fmt.Sprintf("\n// edit %d\n", version))
		if p := c.diagnostics(use, "diagnostics of use.go", hasVersion(version)); !capturesF(p) {
			t.Errorf("wrap.go broken (%q): use.go %q, want the cleanup that captures f (wrap's facts still hold)", broken[len(src):], messagesOf(p))
		}
	}
	// Once wrap registers nothing, its fact goes: the diagnostic too.
	c.change(wrap, 4, strings.Replace(src, "runtime.AddCleanup(p, func(struct{}) { fn() }, struct{}{})", "_, _ = p, fn\n\t_ = runtime.GOOS", 1)+"\nfunc Typing() { undefinedName() }\n")
	c.diagnostics(use, "use.go without diagnostics once broken wrap registers nothing", func(p *protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) == 0
	})
	c.shutdown()
}
