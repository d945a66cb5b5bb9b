package lsp

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestFileOfAnotherPackageName: an unsaved file whose package clause names
// another package (pasted, or not yet renamed) is a type error of the
// package; the analyzers still run on the rest of it and keep its findings,
// without a panic (SSA of a file whose declarations go/types skipped).
func TestFileOfAnotherPackageName(t *testing.T) {
	c, dir, read := factsFixture(t)
	src := read("use/use.go")
	use := c.open(filepath.Join(dir, "use", "use.go"), src)
	c.diagnostics(use, "diagnostics of use.go", capturesF)
	c.open(filepath.Join(dir, "use", "other.go"), "package other\n\nfunc Helper() int { return 1 }\n")
	c.change(use, 2, src+"\n// edited\n")
	if p := c.diagnostics(use, "use.go after other.go opened", hasVersion(2)); !capturesF(p) {
		t.Errorf("use.go with a file of another package name beside it: %q, want the cleanup that captures f", messagesOf(p))
	}
	if log := c.serverLog(); strings.Contains(log, "panic") {
		t.Errorf("server log has a panic:\n%s", log)
	}
}
