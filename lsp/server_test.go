package lsp

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/weaklint/weaklint/lsp/internal/testanalyzer"
	"github.com/weaklint/weaklint/lsp/textpos"
)

func messagesOf(p *protocol.PublishDiagnosticsParams) []string {
	var msgs []string
	for _, d := range p.Diagnostics {
		msgs = append(msgs, d.Message)
	}
	return msgs
}

func hasVersion(v int) func(*protocol.PublishDiagnosticsParams) bool {
	return func(p *protocol.PublishDiagnosticsParams) bool { return p.Version == uint32(v) }
}

// applyEdits applies LSP text edits (in any order, not overlapping) to content.
func applyEdits(t *testing.T, content string, edits []protocol.TextEdit) string {
	t.Helper()
	m := textpos.NewMapper([]byte(content))
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		spans = append(spans, span{
			m.Offset(textpos.Position{Line: e.Range.Start.Line, Character: e.Range.Start.Character}),
			m.Offset(textpos.Position{Line: e.Range.End.Line, Character: e.Range.End.Character}),
			e.NewText,
		})
	}
	slices.SortFunc(spans, func(a, b span) int { return b.start - a.start })
	for _, s := range spans {
		content = content[:s.start] + s.text + content[s.end:]
	}
	return content
}

// TestEditingSession drives the life of a buffer: open, diagnostics, edit,
// new diagnostics, quick fix, diagnostics gone, close, cleared, shutdown.
func TestEditingSession(t *testing.T) {
	c := startServer(t, testanalyzer.BadCall, testanalyzer.Strict)
	c.initialize(map[string]any{"strict": false}) // as -strict=false on the command line

	name := filepath.Join(fixtureDir(t, "basic"), "a", "a.go")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	u := c.open(name, text)

	p := c.diagnostics(u, "diagnostics of version 1", hasVersion(1))
	want := []string{"call of bad: call good instead", "call of Wrap, which calls bad"}
	if got := messagesOf(p); !slices.Equal(got, want) {
		t.Fatalf("version 1: diagnostics %q, want %q", got, want)
	}
	d := p.Diagnostics[0]
	if d.Source != "weaklint" || d.Code != "badcall" || d.CodeDescription == nil || d.CodeDescription.Href != "https://example.com/badcall" {
		t.Errorf("diagnostic source %q, code %v, codeDescription %+v; want weaklint, badcall, https://example.com/badcall", d.Source, d.Code, d.CodeDescription)
	}
	if want := (protocol.Range{Start: protocol.Position{Line: 8, Character: 1}, End: protocol.Position{Line: 8, Character: 6}}); d.Range != want {
		t.Errorf("range of the call of bad %v, want %v", d.Range, want)
	}

	// An unsaved edit removes the call of the wrapper: its diagnostic goes.
	text = strings.Replace(text, "\tb.Wrap()\n", "\t_ = b.Wrap\n", 1)
	c.change(u, 2, text)
	p = c.diagnostics(u, "diagnostics of version 2", hasVersion(2))
	if got, want := messagesOf(p), want[:1]; !slices.Equal(got, want) {
		t.Fatalf("version 2: diagnostics %q, want %q", got, want)
	}

	// The quick fix of the remaining diagnostic, applied, leaves none.
	var actions []protocol.CodeAction
	c.result(c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": u},
		"range":        p.Diagnostics[0].Range,
		"context":      map[string]any{"diagnostics": p.Diagnostics},
	}), &actions)
	if len(actions) != 1 {
		t.Fatalf("%d code actions, want 1: %+v", len(actions), actions)
	}
	a := actions[0]
	if a.Kind != protocol.QuickFix || a.Title != "call good" || a.Edit == nil || len(a.Edit.Changes[u]) != 1 {
		t.Fatalf("code action %+v, want a quickfix \"call good\" with one edit of %s", a, u)
	}
	text = applyEdits(t, text, a.Edit.Changes[u])
	if !strings.Contains(text, "\tgood()\n") {
		t.Fatalf("the fix did not replace the call:\n%s", text)
	}
	c.change(u, 3, text)
	p = c.diagnostics(u, "diagnostics of version 3", hasVersion(3))
	if len(p.Diagnostics) != 0 || p.Diagnostics == nil {
		t.Fatalf("version 3: diagnostics %q (nil: %v), want an empty list", messagesOf(p), p.Diagnostics == nil)
	}

	// Back to a diagnostic, then close: the diagnostics are cleared.
	c.change(u, 4, strings.Replace(text, "\tgood()\n", "\tbad()\n", 1))
	c.diagnostics(u, "diagnostics of version 4", func(p *protocol.PublishDiagnosticsParams) bool {
		return p.Version == 4 && len(p.Diagnostics) == 1
	})
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": u}})
	c.diagnostics(u, "cleared diagnostics", func(p *protocol.PublishDiagnosticsParams) bool {
		return p.Diagnostics != nil && len(p.Diagnostics) == 0
	})

	c.shutdown()
}

// TestSettings turns analyzers on and off as the command line's flags do.
func TestSettings(t *testing.T) {
	c := startServer(t, testanalyzer.BadCall, testanalyzer.Strict)
	c.initialize(map[string]any{"weaklint": map[string]any{"badcall": false, "debounce": 0, "nosuchoption": 1}})
	c.await("a warning about the unknown initialization option", func(m message) bool {
		return m.Method == "window/showMessage" && strings.Contains(string(m.Params), "nosuchoption")
	}, nil)
	name := filepath.Join(fixtureDir(t, "basic"), "b", "b.go")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	u := c.open(name, string(src))
	p := c.diagnostics(u, "diagnostics", hasVersion(1))
	if got, want := messagesOf(p), []string{"strict: call of bad"}; !slices.Equal(got, want) {
		t.Fatalf("with badcall off: %q, want %q", got, want)
	}
	// strict reports a position only (pass.Reportf): the range covers the
	// expression that starts there, the call bad().
	if got, want := p.Diagnostics[0].Range, (protocol.Range{Start: protocol.Position{Line: 7, Character: 14}, End: protocol.Position{Line: 7, Character: 19}}); got != want {
		t.Errorf("range of strict's diagnostic %v, want %v (the call)", got, want)
	}
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"analyzers": map[string]any{"badcall": true}, "strict": false}})
	p = c.diagnostics(u, "diagnostics after the change of settings", func(p *protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) > 0 && p.Diagnostics[0].Code == "badcall"
	})
	if got, want := messagesOf(p), []string{"call of bad: call good instead"}; !slices.Equal(got, want) {
		t.Fatalf("with only badcall on: %q, want %q", got, want)
	}
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"nosuchanalyzer": true}})
	c.await("a warning about the unknown setting", func(m message) bool {
		return m.Method == "window/showMessage" && strings.Contains(string(m.Params), "nosuchanalyzer")
	}, nil)

	// An analyzer's own flag, as -strict.name=nobody on the command line:
	// b.go calls nobody.
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"badcall": false, "strict": true, "strict.name": "nobody"}})
	c.diagnostics(u, "no diagnostics with strict.name=nobody", func(p *protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) == 0
	})
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"strict": true, "strict.name": "bad"}})
	c.diagnostics(u, "diagnostics with strict.name=bad", func(p *protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) > 0 && p.Diagnostics[0].Message == "strict: call of bad"
	})
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"strict.nosuchflag": 1}})
	c.await("a warning about the unknown flag", func(m message) bool {
		return m.Method == "window/showMessage" && strings.Contains(string(m.Params), "strict.nosuchflag")
	}, nil)
	c.shutdown()
}

// TestWorkspaceWithTwoModules analyzes files of two modules in one session.
func TestWorkspaceWithTwoModules(t *testing.T) {
	c := startServer(t, testanalyzer.BadCall)
	dir := fixtureDir(t, "twomodules")
	var res protocol.InitializeResult
	c.result(c.call("initialize", map[string]any{
		"capabilities":     map[string]any{},
		"workspaceFolders": []any{map[string]any{"uri": uri.File(dir), "name": "twomodules"}},
	}), &res)
	c.notify("initialized", map[string]any{})
	var uris []protocol.DocumentURI
	for _, mod := range []string{"one", "two"} {
		name := filepath.Join(dir, mod, mod+".go")
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		uris = append(uris, c.open(name, string(src)))
	}
	for i, u := range uris {
		p := c.diagnostics(u, "diagnostics", hasVersion(1))
		if len(p.Diagnostics) != i+1 {
			t.Errorf("%s: %d diagnostics, want %d: %q", u, len(p.Diagnostics), i+1, messagesOf(p))
		}
	}
	c.shutdown()
}

// errorCode returns the error code of a response, or 0.
func errorCode(m message) int {
	if m.Error == nil {
		return 0
	}
	return m.Error.Code
}

// TestBadInput sends what a server meets in the wild and checks that each
// gets the answer the protocol prescribes, and that the server keeps
// serving after each.
func TestBadInput(t *testing.T) {
	c := startServer(t, testanalyzer.BadCall, testanalyzer.Strict)

	if code := errorCode(c.response(c.call("textDocument/hover", map[string]any{}))); code != -32002 {
		t.Errorf("request before initialize: error %d, want -32002 (server not initialized)", code)
	}

	c.writeRaw("Content-Length: 9\r\n\r\n{not json")
	m := c.await("parse error", func(m message) bool { return m.Method == "" && string(m.ID) == "null" }, nil)
	if errorCode(m) != -32700 {
		t.Errorf("malformed JSON: error %d, want -32700", errorCode(m))
	}

	c.initialize(map[string]any{"debounce": 0})
	if code := errorCode(c.response(c.call("initialize", map[string]any{"capabilities": map[string]any{}}))); code != -32600 {
		t.Errorf("second initialize: error %d, want -32600", code)
	}
	if code := errorCode(c.response(c.call("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": "file:///x.go"}}))); code != -32601 {
		t.Errorf("unknown method: error %d, want -32601", code)
	}
	if code := errorCode(c.response(c.call("$/unknown/withoutParams", nil))); code != -32601 {
		t.Errorf("unknown method without params: error %d, want -32601", code)
	}
	c.notify("$/unknownNotification", map[string]any{"x": 1}) // ignored, no answer
	if m := c.response(c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///nowhere.go"}, "position": map[string]any{"line": 1, "character": 1}})); m.Error != nil {
		t.Errorf("hover: error %s, want an empty result", m.Error.Message)
	}

	dir := fixtureDir(t, "basic")

	// Type errors: badcall runs despite them, strict stays quiet in the
	// declarations that have errors. Columns
	// count UTF-16 units: é is 2 bytes and 1 unit, 😀 4 bytes and 2 units.
	illTyped := c.open(filepath.Join(dir, "a", "illtyped.go"), "package a\n\nvar x int = \"not an int\"\n\nfunc G() { /* é😀 */ bad(); undefined() }\n")
	p := c.diagnostics(illTyped, "diagnostics of ill-typed code", hasVersion(1))
	if got, want := messagesOf(p), []string{"call of bad: call good instead"}; !slices.Equal(got, want) {
		t.Errorf("ill-typed code: %q, want %q", got, want)
	} else if got, want := p.Diagnostics[0].Range, (protocol.Range{Start: protocol.Position{Line: 4, Character: 21}, End: protocol.Position{Line: 4, Character: 26}}); got != want {
		t.Errorf("range after non-ASCII text: %v, want %v (UTF-16 columns)", got, want)
	}

	// Syntax errors: nothing to say, but an answer and no crash.
	broken := c.open(filepath.Join(dir, "b", "broken.go"), "package b\n\nfunc {{{\n")
	c.diagnostics(broken, "diagnostics of a file with syntax errors", hasVersion(1))
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": broken}})

	// A panicking analyzer costs its own diagnostics only.
	boom := c.open(filepath.Join(dir, "b", "boom.go"), "package b\n\nfunc boom() {}\n\nfunc H() { boom(); bad() }\n")
	p = c.diagnostics(boom, "diagnostics despite a panicking analyzer", hasVersion(1))
	if got, want := messagesOf(p), []string{"strict: call of bad"}; !slices.Equal(got, want) {
		t.Errorf("with badcall panicking: %q, want %q", got, want)
	}
	if !strings.Contains(c.serverLog(), "boom: the analyzer crashed on purpose") {
		t.Errorf("the analyzer's panic is not in the server log")
	}

	// A file outside any module.
	outside := t.TempDir()
	lone := c.open(filepath.Join(outside, "lone.go"), "package main\n\nfunc bad() {}\n\nfunc main() { bad() }\n")
	p = c.diagnostics(lone, "diagnostics of a file outside any module", hasVersion(1))
	if got, want := messagesOf(p), []string{"call of bad: call good instead", "strict: call of bad"}; !slices.Equal(got, want) {
		t.Errorf("file outside any module: %q, want %q (go list treats it as a package of its own)", got, want)
	}

	// The standard library, opened by go to definition: not analyzed.
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	stdFile := filepath.Join(strings.TrimSpace(string(goroot)), "src", "weak", "pointer.go")
	stdURI := c.open(stdFile, "package weak\n\nfunc bad() {}\n\nfunc F() { bad() }\n")

	// Positions out of range: clamped.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": illTyped, "version": 2},
		"contentChanges": []any{map[string]any{
			"range": map[string]any{"start": map[string]any{"line": 999, "character": 0}, "end": map[string]any{"line": 999, "character": 5}},
			"text":  "\nfunc I() { bad() }\n",
		}},
	})
	p = c.diagnostics(illTyped, "diagnostics after an edit past the end", hasVersion(2))
	// strict skips the broken declarations, not the new function.
	if got, want := messagesOf(p), []string{"call of bad: call good instead", "call of bad: call good instead", "strict: call of bad"}; !slices.Equal(got, want) {
		t.Errorf("after appending a call of bad past the end: %q, want %q", got, want)
	}
	var actions []protocol.CodeAction
	c.result(c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": illTyped},
		"range":        map[string]any{"start": map[string]any{"line": 500, "character": 0}, "end": map[string]any{"line": 900, "character": 77}},
		"context":      map[string]any{"diagnostics": []any{}},
	}), &actions)
	if actions == nil || len(actions) != 0 {
		t.Errorf("code actions out of range: %+v, want an empty list", actions)
	}
	// Malformed params of a known method.
	if code := errorCode(c.response(c.call("textDocument/codeAction", map[string]any{"textDocument": 42}))); code == 0 {
		t.Errorf("code action with malformed params: no error")
	}

	// A numeric $/cancelRequest cancels a code action that waits for an
	// analysis (that never comes: the file is analyzed on save only).
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"run": "onSave"}})
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": illTyped, "version": 3},
		"contentChanges": []any{map[string]any{"text": "package a\n"}},
	})
	id := c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": illTyped},
		"range":        map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": map[string]any{"line": 0, "character": 0}},
		"context":      map[string]any{"diagnostics": []any{}},
	})
	var n int
	if err := json.Unmarshal(id, &n); err != nil {
		t.Fatal(err)
	}
	c.notify("$/cancelRequest", map[string]any{"id": n})
	if code := errorCode(c.response(id)); code != -32800 {
		t.Errorf("cancelled code action: error %d, want -32800 (request cancelled)", code)
	}

	c.mu.Lock()
	for _, m := range c.received {
		if m.Method == protocol.MethodTextDocumentPublishDiagnostics && strings.Contains(string(m.Params), string(stdURI)) {
			t.Errorf("diagnostics published for a file of GOROOT: %s", m.Params)
		}
	}
	c.mu.Unlock()

	// Exit without shutdown: status 1.
	c.notify("exit", nil)
	c.expectExit(1)
}

// TestRapidEdits sends edits faster than they can be analyzed: the
// published versions of the file never go back, and the last edit's
// diagnostics are published.
func TestRapidEdits(t *testing.T) {
	c := startServer(t, testanalyzer.BadCall)
	c.initialize(map[string]any{"debounce": 0})
	name := filepath.Join(fixtureDir(t, "basic"), "b", "b.go")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	u := c.open(name, string(src))
	const edits = 30
	for v := 2; v <= edits+1; v++ {
		// Odd versions call bad twice more than even ones.
		text := string(src)
		if v%2 == 1 {
			text += "\nfunc More() { bad(); bad() }\n"
		}
		c.change(u, v, text)
	}
	p := c.diagnostics(u, "diagnostics of the last edit", hasVersion(edits+1))
	if len(p.Diagnostics) != 3 {
		t.Errorf("last version: %d diagnostics, want 3: %q", len(p.Diagnostics), messagesOf(p))
	}
	c.shutdown()

	c.mu.Lock()
	defer c.mu.Unlock()
	last := uint32(0)
	for _, m := range c.received {
		var params protocol.PublishDiagnosticsParams
		if m.Method != protocol.MethodTextDocumentPublishDiagnostics || json.Unmarshal(m.Params, &params) != nil || params.URI != u {
			continue
		}
		if params.Version < last {
			t.Errorf("version %d published after version %d", params.Version, last)
		}
		if want := 1 + 2*int(params.Version%2); params.Version > 1 && len(params.Diagnostics) != want {
			t.Errorf("version %d published with %d diagnostics, want %d: the results of another version", params.Version, len(params.Diagnostics), want)
		}
		last = params.Version
	}
}
