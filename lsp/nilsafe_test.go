package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/weaklint/weaklint/analyzer"
)

// TestNilSafeMethodsOfSkippedDependencies: the server reports in
// testdata/modules/nilsafe what weaklint ./... and go vet report there
// (cmd/weaklint's TestVetGateNilSafeFacts): pb imports nothing weak, so the
// server checks it without bodies and does not analyze it, yet app's calls
// of pb's nil-safe getters on a possibly reclaimed referent are quiet, as
// derefs' facts on them make them in standalone. Opening pb and making
// GetName dereference its receiver reports app's two calls of it (one
// through relay's alias); undoing the edit makes them quiet again.
func TestNilSafeMethodsOfSkippedDependencies(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "modules", "nilsafe"))
	if err != nil {
		t.Fatal(err)
	}
	read := func(rel string) string { return readFileUnder(t, dir, rel) }
	want := nilSafeAppFindings()

	c := startServer(t, analyzer.All()...)
	c.initialize(map[string]any{"debounce": 0})
	app := c.open(filepath.Join(dir, "app", "app.go"), read("app/app.go"))
	if got := findings(c.diagnostics(app, "diagnostics of app.go", hasVersion(1))); !slices.Equal(got, want) {
		t.Errorf("app.go:\n%s\nwant (as weaklint ./...):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c.server.session.Stats.Skipped.Load() == 0 {
		t.Errorf("no dependency skipped: pb and relay cannot matter to the analyzers")
	}

	src := read("pb/getters.go")
	deref2 := strings.Replace(src, "if m == nil {\n\t\treturn \"\"\n\t}\n\treturn m.Name", "return m.Name", 1)
	if deref2 == src {
		t.Fatal("the fixture no longer has the nil check of GetName the test removes")
	}
	pb := c.open(filepath.Join(dir, "pb", "getters.go"), src)
	c.diagnostics(pb, "diagnostics of getters.go", hasVersion(1))
	c.change(pb, 2, deref2)
	withName := nilSafeFindingsWithName(want)
	c.diagnostics(app, "app.go's calls of GetName reported once it dereferences", func(p *protocol.PublishDiagnosticsParams) bool {
		return slices.Equal(findings(p), withName)
	})
	c.change(pb, 3, src)
	c.diagnostics(app, "app.go's calls of GetName quiet again", func(p *protocol.PublishDiagnosticsParams) bool {
		return slices.Equal(findings(p), want)
	})
	c.shutdown()
}

// nilSafeDeref is the message of the server's findings in
// testdata/modules/nilsafe.
const nilSafeDeref = "possible nil dereference: wp.Value() returns nil once the referent is garbage collected; check the result for nil before use"

// nilSafeAppFindings returns the findings of weaklint ./... in
// testdata/modules/nilsafe's app.go (TestVetGateNilSafeFacts), 0-based.
// KnownAddr (line 36) is guarded by GetName's result, "" for nil in the
// facts the server writes for pb; UnnamedAddr (48) is not.
func nilSafeAppFindings() []string {
	return []string{"15:50 " + nilSafeDeref, "17:67 " + nilSafeDeref, "24:70 " + nilSafeDeref, "27:56 " + nilSafeDeref, "31:58 " + nilSafeDeref, "48:10 " + nilSafeDeref}
}

// readFileUnder returns the contents of dir's file rel (slash-separated).
func readFileUnder(t *testing.T, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// nilSafeFindingsWithName adds to want (findings of app.go) app's calls
// of pb's GetName, reported once GetName dereferences its receiver (Name,
// RelayName, KnownAddr and UnnamedAddr), and drops UnnamedAddr's use of u
// after its call (48:10), no longer the first.
func nilSafeFindingsWithName(want []string) []string {
	withName := []string{"11:63 " + nilSafeDeref, "20:71 " + nilSafeDeref, "37:6 " + nilSafeDeref, "45:6 " + nilSafeDeref}
	for _, w := range want {
		if w != "48:10 "+nilSafeDeref {
			withName = append(withName, w)
		}
	}
	return slices.Sorted(slices.Values(withName))
}

// findings lists p's diagnostics as "line:col message", 0-based, sorted.
func findings(p *protocol.PublishDiagnosticsParams) []string {
	var out []string
	for _, d := range p.Diagnostics {
		out = append(out, fmt.Sprintf("%d:%d %s", d.Range.Start.Line, d.Range.Start.Character, d.Message))
	}
	slices.Sort(out)
	return out
}

// TestNilSafeSkippedDependencyChangedOnDisk: pb, a dependency the server
// skips and the editor never opens, changes on disk (a git checkout): once
// GetName dereferences its receiver, app's calls of it are reported at the
// watcher's event; restored, they are quiet again. The skipped package's
// facts come from its files as they are on disk, not from a copy made at
// the first load.
func TestNilSafeSkippedDependencyChangedOnDisk(t *testing.T) {
	src, err := filepath.Abs(filepath.Join("..", "testdata", "modules", "nilsafe"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	read := func(rel string) string { return readFileUnder(t, dir, rel) }
	want := nilSafeAppFindings()

	c := startServer(t, analyzer.All()...)
	c.initializeWatching(true)
	app := c.open(filepath.Join(dir, "app", "app.go"), read("app/app.go"))
	if got := findings(c.diagnostics(app, "diagnostics of app.go", hasVersion(1))); !slices.Equal(got, want) {
		t.Errorf("app.go:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c.server.session.Stats.Skipped.Load() == 0 {
		t.Errorf("no dependency skipped: pb and relay cannot matter to the analyzers")
	}

	getters := read("pb/getters.go")
	deref := strings.Replace(getters, "if m == nil {\n\t\treturn \"\"\n\t}\n\treturn m.Name", "return m.Name", 1)
	if deref == getters {
		t.Fatal("the fixture no longer has the nil check of GetName the test removes")
	}
	gettersName := filepath.Join(dir, "pb", "getters.go")
	for _, step := range []struct {
		what, content string
		want          []string
	}{
		{"app.go's calls of GetName reported once it dereferences on disk", deref, nilSafeFindingsWithName(want)},
		{"app.go's calls of GetName quiet again once restored on disk", getters, want},
	} {
		writeTree(t, dir, map[string]string{"pb/getters.go": step.content})
		c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{fileEvent(gettersName, protocol.FileChangeTypeChanged)}})
		c.diagnostics(app, step.what, func(p *protocol.PublishDiagnosticsParams) bool {
			return slices.Equal(findings(p), step.want)
		})
	}
	c.shutdown()
}

// TestIsMethodOfSkippedDependency: the server reports in
// testdata/modules/iskeys what weaklint ./... and go vet report there
// (cmd/weaklint's TestVetGateIsMethodOfSkippedPackage): page, which
// declares the Is method of the error bufpool returns a nil page with,
// imports nothing weak and is checked without bodies, yet btree's
// errors.Is(err, page.ErrPageEvicted) guards the page.
func TestIsMethodOfSkippedDependency(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "modules", "iskeys"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "btree", "btree.go"))
	if err != nil {
		t.Fatal(err)
	}
	const msg = " may return nil (it returns a weak referent unchecked); check the result for nil before use"
	// 0-based.
	want := []string{
		"42:11 possible nil dereference: t.pool.Local(t.root)" + msg,
		"57:11 possible nil dereference: t.pool.Resident(t.root)" + msg,
		"66:11 possible nil dereference: t.pool.Resident(t.root)" + msg,
		"76:11 possible nil dereference: t.pool.Resident(t.root)" + msg,
	}
	c := startServer(t, analyzer.All()...)
	c.initialize(map[string]any{"debounce": 0})
	btree := c.open(filepath.Join(dir, "btree", "btree.go"), string(data))
	if got := findings(c.diagnostics(btree, "diagnostics of btree.go", hasVersion(1))); !slices.Equal(got, want) {
		t.Errorf("btree.go:\n%s\nwant (as weaklint ./...):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c.server.session.Stats.Skipped.Load() == 0 {
		t.Errorf("no dependency skipped: page cannot matter to the analyzers")
	}
	c.shutdown()
}
