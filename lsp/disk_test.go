package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/weaklint/weaklint/lsp/internal/testanalyzer"
)

// writeTree writes files (by slash-separated name) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// initializeWatching initializes a client that can (or cannot) register
// file watchers, and answers the server's registration.
func (c *client) initializeWatching(canWatch bool) {
	c.t.Helper()
	caps := map[string]any{}
	if canWatch {
		caps["workspace"] = map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}
	}
	var res protocol.InitializeResult
	c.result(c.call("initialize", map[string]any{"capabilities": caps, "initializationOptions": map[string]any{"debounce": 0}}), &res)
	c.notify("initialized", map[string]any{})
	if !canWatch {
		return
	}
	m := c.await("client/registerCapability", func(m message) bool { return m.Method == "client/registerCapability" }, nil)
	var params protocol.RegistrationParams
	if err := json.Unmarshal(m.Params, &params); err != nil || len(params.Registrations) != 1 {
		c.t.Fatalf("registration %s: %v", m.Params, err)
	}
	reg := params.Registrations[0]
	opts, _ := json.Marshal(reg.RegisterOptions)
	if reg.Method != "workspace/didChangeWatchedFiles" {
		c.t.Errorf("registration of %s, want workspace/didChangeWatchedFiles", reg.Method)
	}
	for _, glob := range []string{"**/*.go", "**/go.mod", "**/go.sum", "**/go.work"} {
		if !strings.Contains(string(opts), `"`+glob+`"`) {
			c.t.Errorf("registration options %s do not watch %s", opts, glob)
		}
	}
	c.send(map[string]any{"id": m.ID, "result": nil})
}

// fileEvent is one workspace/didChangeWatchedFiles change.
func fileEvent(name string, typ protocol.FileChangeType) map[string]any {
	return map[string]any{"uri": uri.File(name), "type": typ}
}

const (
	pkgA = "package a\n\nimport \"example.com/m/b\"\n\nfunc bad() {}\n\nfunc F() {\n\tbad()\n\tb.Wrap()\n}\n"
	pkgB = "package b\n\nfunc bad() {}\n\n// Wrap calls bad.\nfunc Wrap() { bad() }\n"
)

var (
	bothFindings = []string{"call of bad: call good instead", "call of Wrap, which calls bad"}
	localFinding = []string{"call of bad: call good instead"}
)

// TestDiskChanges changes files on disk behind the editor's back, with a
// client that watches files and with one that cannot: the diagnostics of
// the open file follow, in the first case at the event, in the second at
// the next edit or save.
func TestDiskChanges(t *testing.T) {
	for _, watching := range []bool{true, false} {
		name := "without watchers"
		if watching {
			name = "with watchers"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{"go.mod": "module example.com/m\n\ngo 1.26\n", "a/a.go": pkgA, "b/b.go": pkgB})
			c := startServer(t, testanalyzer.BadCall)
			c.initializeWatching(watching)
			aName := filepath.Join(dir, "a", "a.go")
			a := c.open(aName, pkgA)
			version := 1
			expect := func(what string, want []string) {
				t.Helper()
				p := c.diagnostics(a, what, func(p *protocol.PublishDiagnosticsParams) bool {
					return slices.Equal(messagesOf(p), want)
				})
				if int(p.Version) != version {
					t.Errorf("%s: version %d, want %d", what, p.Version, version)
				}
			}
			// Without events, an edit of the open file (here, a comment
			// added) or a save brings the diagnostics up to date.
			poke := func(event map[string]any) {
				t.Helper()
				if watching {
					c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{event}})
					return
				}
				version++
				c.change(a, version, pkgA+strings.Repeat("\n", version))
			}
			expect("diagnostics at open", bothFindings)

			// Another program changes b: Wrap no longer calls bad.
			bName := filepath.Join(dir, "b", "b.go")
			writeTree(t, dir, map[string]string{"b/b.go": strings.Replace(pkgB, "func Wrap() { bad() }", "func Wrap() {}", 1)})
			poke(fileEvent(bName, protocol.FileChangeTypeChanged))
			expect("diagnostics after b changed on disk", localFinding)

			// A new file in b makes Wrap call bad again.
			writeTree(t, dir, map[string]string{"b/b.go": "package b\n\nfunc bad() {}\n\nfunc Wrap() { again() }\n", "b/again.go": "package b\n\nfunc again() { bad() }\n"})
			poke(fileEvent(filepath.Join(dir, "b", "again.go"), protocol.FileChangeTypeCreated))
			expect("diagnostics after a file was added to b", bothFindings)

			// The whole of b deleted, in one event for the directory.
			if err := os.RemoveAll(filepath.Join(dir, "b")); err != nil {
				t.Fatal(err)
			}
			poke(fileEvent(filepath.Join(dir, "b"), protocol.FileChangeTypeDeleted))
			expect("diagnostics after b was deleted", localFinding)

			// b back, as a git checkout would restore it; then a save.
			writeTree(t, dir, map[string]string{"b/b.go": pkgB})
			if watching {
				poke(fileEvent(bName, protocol.FileChangeTypeCreated))
			} else {
				c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": a}})
			}
			expect("diagnostics after b came back", bothFindings)
			c.shutdown()
		})
	}
}

// TestGoWork opens files of two modules of a workspace: without go.work the
// importer cannot see the other module; a go.work created above them (the
// usual layout) reloads the view, and from then on an unsaved edit in one
// module reaches the diagnostics of its importer in the other.
func TestGoWork(t *testing.T) {
	for _, watching := range []bool{true, false} {
		t.Run(map[bool]string{true: "with watchers", false: "without watchers"}[watching], func(t *testing.T) {
			dir := t.TempDir()
			one := "package one\n\nfunc bad() {}\n\n// Wrap calls bad.\nfunc Wrap() { bad() }\n"
			two := "package two\n\nimport \"example.com/one\"\n\nfunc bad() {}\n\nfunc F() {\n\tbad()\n\tone.Wrap()\n}\n"
			writeTree(t, dir, map[string]string{
				"one/go.mod": "module example.com/one\n\ngo 1.26\n", "one/one.go": one,
				"two/go.mod": "module example.com/two\n\ngo 1.26\n", "two/two.go": two,
			})
			c := startServer(t, testanalyzer.BadCall)
			c.initializeWatching(watching)
			twoURI := c.open(filepath.Join(dir, "two", "two.go"), two)
			if got := messagesOf(c.diagnostics(twoURI, "diagnostics without go.work", hasVersion(1))); !slices.Equal(got, localFinding) {
				t.Errorf("without go.work: %q, want %q (module one cannot be imported)", got, localFinding)
			}

			writeTree(t, dir, map[string]string{"go.work": "go 1.26\n\nuse (\n\t./one\n\t./two\n)\n"})
			if watching {
				c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{fileEvent(filepath.Join(dir, "go.work"), protocol.FileChangeTypeCreated)}})
			} else {
				c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": twoURI}})
			}
			c.diagnostics(twoURI, "diagnostics with go.work", func(p *protocol.PublishDiagnosticsParams) bool {
				return slices.Equal(messagesOf(p), bothFindings)
			})

			// An unsaved edit of module one reaches module two.
			oneURI := c.open(filepath.Join(dir, "one", "one.go"), one)
			c.diagnostics(oneURI, "diagnostics of one.go", hasVersion(1))
			c.change(oneURI, 2, "package one\n\n// Wrap does nothing now.\nfunc Wrap() {}\n")
			c.diagnostics(twoURI, "diagnostics of two.go after the edit of one.go", func(p *protocol.PublishDiagnosticsParams) bool {
				return slices.Equal(messagesOf(p), localFinding)
			})
			c.shutdown()
		})
	}
}
