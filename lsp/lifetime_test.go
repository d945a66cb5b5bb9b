package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/weaklint/weaklint/analyzer"
)

// TestLifetimeInServer runs the suite, lifetime among its analyzers, in the
// server: the missing runtime.KeepAlive is reported on the open file, its
// quick fix adds the call, and the fixed buffer has no diagnostic left.
func TestLifetimeInServer(t *testing.T) {
	c := startServer(t, analyzer.All()...)
	c.initialize(nil)

	name := filepath.Join(fixtureDir(t, "lifetime"), "fd.go")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	u := c.open(name, text)
	p := c.diagnostics(u, "diagnostics of version 1", hasVersion(1))
	if len(p.Diagnostics) != 1 || !strings.HasPrefix(p.Diagnostics[0].Message, "f.fd is used after the last use of f") || p.Diagnostics[0].Code != "lifetime" {
		t.Fatalf("diagnostics %+v, want lifetime's missing KeepAlive", p.Diagnostics)
	}

	var actions []protocol.CodeAction
	c.result(c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": u},
		"range":        p.Diagnostics[0].Range,
		"context":      map[string]any{"diagnostics": p.Diagnostics},
	}), &actions)
	if len(actions) != 1 || actions[0].Edit == nil {
		t.Fatalf("code actions %+v, want the KeepAlive fix", actions)
	}
	text = applyEdits(t, text, actions[0].Edit.Changes[u])
	if !strings.Contains(text, "\tn, _ := syscall.Write(f.fd, b)\n\truntime.KeepAlive(f)\n") {
		t.Fatalf("the fix did not add runtime.KeepAlive(f):\n%s", text)
	}
	c.change(u, 2, text)
	p = c.diagnostics(u, "diagnostics of version 2", hasVersion(2))
	if len(p.Diagnostics) != 0 {
		t.Fatalf("after the fix: diagnostics %q, want none", messagesOf(p))
	}
	c.shutdown()
}
