package lsp

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/weaklint/weaklint/lsp/internal/testanalyzer"
)

// frame returns a message with a Content-Length header of its length plus
// delta.
func frame(body string, delta int) string {
	return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body)+delta, body)
}

func hoverCall(id string) string {
	return `{"jsonrpc":"2.0","id":` + id + `,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nowhere.go"},"position":{"line":0,"character":0}}}`
}

// isParseError matches a parse error (-32700, id null) whose message
// contains what.
func isParseError(what string) func(message) bool {
	return func(m message) bool {
		return m.Method == "" && string(m.ID) == "null" && errorCode(m) == -32700 && strings.Contains(m.Error.Message, what)
	}
}

// TestFraming sends framing errors, each followed at once by a good
// request: the bad message is answered with a parse error (or, when its
// JSON is whole, handled), and the stream recovers at the next header.
func TestFraming(t *testing.T) {
	c := startServer(t, testanalyzer.BadCall)
	c.initialize(map[string]any{"debounce": 0})
	answered := func(id string) {
		t.Helper()
		if m := c.response(json.RawMessage(id)); m.Error != nil {
			t.Errorf("request %s after a framing error: error %d %s, want a result", id, m.Error.Code, m.Error.Message)
		}
	}

	// Not JSON.
	c.writeRaw(frame("{not json", 0) + frame(hoverCall("101"), 0))
	c.await("parse error of {not json", isParseError("invalid JSON"), nil)
	answered("101")

	// A header block without Content-Length.
	c.writeRaw("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + frame(hoverCall("102"), 0))
	c.await("parse error of a missing Content-Length", isParseError("missing Content-Length"), nil)
	answered("102")

	// Content-Length too long, the next message right behind: both are
	// handled, the first as soon as its JSON ends.
	c.writeRaw(frame(hoverCall("103"), 40) + frame(hoverCall("104"), 0))
	answered("103")
	answered("104")
	// Too long with nothing behind: the client waits for the answer.
	c.writeRaw(frame(hoverCall("105"), 1000))
	answered("105")

	// Content-Length too short: the JSON's end is taken.
	c.writeRaw(frame(hoverCall("106"), -20) + frame(hoverCall("107"), 0))
	answered("106")
	answered("107")

	// A message cut short, the next one's header in what would be its
	// string: the next one is still read.
	cut := hoverCall("108")[:40]
	c.writeRaw(frame(cut, 0) + frame(hoverCall("109"), 0))
	c.await("parse error of a message cut short", isParseError("invalid JSON"), nil)
	answered("109")

	// JSON without any header, and a header line that is not one.
	c.writeRaw(hoverCall("110") + frame(hoverCall("111"), 0))
	c.await("parse error of a message without header", isParseError("invalid header"), nil)
	answered("111")
	c.writeRaw("hello there\r\n" + frame(hoverCall("112"), 0))
	c.await("parse error of a bad header line", isParseError("invalid header line"), nil)
	answered("112")
	c.writeRaw("Content-Length: -5\r\n\r\n" + frame(hoverCall("113"), 0))
	c.await("parse error of a negative Content-Length", isParseError("invalid Content-Length"), nil)
	answered("113")
	// A message that is JSON but not an object.
	c.writeRaw(frame(`"just a string"`, 0) + frame(hoverCall("114"), 0))
	c.await("parse error of a JSON string", isParseError("must be a JSON object"), nil)
	answered("114")

	// After all that, the server still analyzes.
	name := filepath.Join(fixtureDir(t, "basic"), "b", "b.go")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	u := c.open(name, string(src))
	if p := c.diagnostics(u, "diagnostics", hasVersion(1)); len(p.Diagnostics) != 1 {
		t.Errorf("diagnostics after the framing errors: %q, want one", messagesOf(p))
	}
	c.shutdown()
}

// TestJSONRPCConformance checks what JSON-RPC 2.0 prescribes for ids, bad
// requests and bad params.
func TestJSONRPCConformance(t *testing.T) {
	c := startServer(t, testanalyzer.BadCall)
	c.initialize(map[string]any{"debounce": 0})

	// Ids are echoed as sent.
	for _, id := range []string{`""`, `"x y"`, `null`, `1.5`, `-3`, `1099511627776`, `0`} {
		c.writeRaw(frame(hoverCall(id), 0))
		m := c.await("response to id "+id, func(m message) bool {
			return m.Method == "" && string(m.ID) == id && m.Error == nil
		}, nil)
		if string(m.Result) != "null" {
			t.Errorf("hover with id %s: result %s, want null", id, m.Result)
		}
	}

	// Invalid params: -32602, for the methods the library decodes and for
	// those the server decodes itself.
	for _, params := range []string{
		`{"textDocument":42,"position":{"line":0,"character":0}}`,
		`{"textDocument":{"uri":"file:///x.go"},"position":{"line":"one","character":0}}`,
		`[1,2]`,
		`"text"`,
	} {
		c.writeRaw(frame(`{"jsonrpc":"2.0","id":"hover","method":"textDocument/hover","params":`+params+`}`, 0))
		if code := errorCode(c.response(json.RawMessage(`"hover"`))); code != -32602 {
			t.Errorf("hover with params %s: error %d, want -32602", params, code)
		}
	}
	c.writeRaw(frame(`{"jsonrpc":"2.0","id":"ca","method":"textDocument/codeAction","params":{"textDocument":42}}`, 0))
	if code := errorCode(c.response(json.RawMessage(`"ca"`))); code != -32602 {
		t.Errorf("code action with invalid params: error %d, want -32602", code)
	}
	// A notification with invalid params gets no answer, and changes nothing.
	c.writeRaw(frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":7}}`, 0))
	c.writeRaw(frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"contentChanges":"x"}}`, 0))

	// Invalid requests: -32600.
	for _, tc := range []struct{ msg, id string }{
		{`{"jsonrpc":"1.0","id":7,"method":"textDocument/hover","params":{}}`, "7"},
		{`{"jsonrpc":"2.0","id":{"a":1},"method":"textDocument/hover","params":{}}`, "null"},
		{`{"jsonrpc":"2.0","id":true,"method":"textDocument/hover"}`, "null"},
		{`{"jsonrpc":"2.0","id":8}`, "8"},
		{`{"jsonrpc":"2.0","id":9,"method":""}`, "9"},
		{`{"jsonrpc":"2.0","id":10,"method":42}`, "10"},
		{`[]`, "null"},
		{`[{"jsonrpc":"2.0","id":11,"method":"shutdown"}]`, "null"},
	} {
		c.writeRaw(frame(tc.msg, 0))
		m := c.await("response to "+tc.msg, func(m message) bool { return m.Method == "" && string(m.ID) == tc.id && m.Error != nil }, nil)
		if m.Error.Code != -32600 {
			t.Errorf("%s: error %d %s, want -32600", tc.msg, m.Error.Code, m.Error.Message)
		}
	}

	// The server still works, and a response to no request of its own is
	// ignored.
	c.writeRaw(frame(`{"jsonrpc":"2.0","id":999,"result":{}}`, 0))
	name := filepath.Join(fixtureDir(t, "basic"), "b", "b.go")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	u := c.open(name, string(src))
	if p := c.diagnostics(u, "diagnostics", hasVersion(1)); len(p.Diagnostics) != 1 {
		t.Errorf("diagnostics: %q, want one", messagesOf(p))
	}
	c.shutdown()
}

// TestDeepNesting sends deeply nested JSON in every place a client can put
// it: the message is refused before any decoder sees it, quickly, and the
// server answers the next request.
func TestDeepNesting(t *testing.T) {
	c := startServer(t, testanalyzer.BadCall)
	c.initialize(map[string]any{"debounce": 0})
	arrays := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	objects := func(n int) string { return strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n) }
	for i, msg := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"$/unknown","params":` + arrays(16000) + `}`,
		`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":` + objects(100000) + `}`,
		`{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":` + objects(20000) + `}}`,
		`{"jsonrpc":"2.0","id":3,"method":"initialize","params":{"initializationOptions":` + arrays(1000) + `}}`,
		arrays(100000),
	} {
		c.writeRaw(frame(msg, 0) + frame(hoverCall(fmt.Sprint(200+i)), 0))
		c.await("refusal of a deeply nested message", isParseError("nested deeper than"), nil)
		c.response(json.RawMessage(fmt.Sprint(200 + i)))
	}
	// Nesting within the bound is fine.
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"weaklint": map[string]any{"debounce": 0}}})
	c.writeRaw(frame(`{"jsonrpc":"2.0","id":300,"method":"$/unknown","params":`+arrays(40)+`}`, 0))
	if code := errorCode(c.response(json.RawMessage("300"))); code != -32601 {
		t.Errorf("unknown method with params nested 40 deep: error %d, want -32601", code)
	}
	c.shutdown()
}

// TestHostileURIs opens documents whose URIs name no usable Go file: each
// is refused with a log line and no stack trace, and never reaches the
// overlay, so real files are still analyzed.
func TestHostileURIs(t *testing.T) {
	c := startServer(t, testanalyzer.BadCall)
	c.initialize(map[string]any{"debounce": 0})
	dir := fixtureDir(t, "basic")
	hostile := []string{
		"file://",
		"file:relative.go",
		"file:///",
		"file://" + filepath.ToSlash(filepath.Join(dir, "a")), // a directory
		"file://" + filepath.ToSlash(filepath.Join(dir, "go.mod")),
		"untitled:Untitled-1",
		"http://example.com/a.go",
		"file://otherhost/x/a.go",
		"%%%",
		"",
	}
	for i, u := range hostile {
		c.notify("textDocument/didOpen", map[string]any{
			"textDocument": map[string]any{"uri": u, "languageId": "go", "version": 1, "text": "package a\n\nfunc F() { bad() }\n"},
		})
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": u, "version": 2},
			"contentChanges": []any{map[string]any{"text": "package a\n"}},
		})
		c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": u}})
		c.writeRaw(frame(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"textDocument/codeAction","params":{"textDocument":{"uri":%q},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[]}}}`, 400+i, u), 0))
		if m := c.response(json.RawMessage(fmt.Sprint(400 + i))); m.Error != nil {
			t.Errorf("code action for %q: error %s, want an empty list", u, m.Error.Message)
		}
		c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": u}})
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{
		map[string]any{"uri": "http://example.com/a.go", "type": 2},
		map[string]any{"uri": "file:x.go", "type": 1},
	}})

	name := filepath.Join(dir, "b", "b.go")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	u := c.open(name, string(src))
	if p := c.diagnostics(u, "diagnostics", hasVersion(1)); len(p.Diagnostics) != 1 {
		t.Errorf("diagnostics after hostile URIs: %q, want one", messagesOf(p))
	}
	c.shutdown()

	log := c.serverLog()
	if strings.Contains(log, "panic") || strings.Contains(log, "goroutine ") {
		t.Errorf("the server log has a panic or a stack trace:\n%s", log)
	}
	for _, u := range hostile {
		if !strings.Contains(log, u+": not analyzed: ") {
			t.Errorf("no log line says why %q was not analyzed", u)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range c.received {
		var p protocol.PublishDiagnosticsParams
		if m.Method == protocol.MethodTextDocumentPublishDiagnostics && json.Unmarshal(m.Params, &p) == nil && slices.Contains(hostile, string(p.URI)) {
			t.Errorf("diagnostics published for %q", p.URI)
		}
	}
}

func jsonDecode(data []byte, v any) bool { return json.Unmarshal(data, v) == nil }
