package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/weaklint/weaklint/analyzer"
)

// factsFixture starts a server with weaklint's analyzers on testdata/lsp/facts
// (use imports mid, which forwards to wrap's cleanup registrar), for the
// tests of facts across packages. It returns the client, the fixture's
// directory and a reader of its files.
func factsFixture(t *testing.T) (*client, string, func(name string) string) {
	t.Helper()
	c := startServer(t, analyzer.All()...)
	c.initialize(map[string]any{"debounce": 0})
	dir := fixtureDir(t, "facts")
	read := func(name string) string {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(src)
	}
	return c, dir, read
}

// capturesF reports whether p is use.go's one finding: the cleanup that
// captures f, registered through mid and wrap.
func capturesF(p *protocol.PublishDiagnosticsParams) bool {
	return len(p.Diagnostics) == 1 && strings.HasPrefix(p.Diagnostics[0].Message, "cleanup function captures f")
}
