package sarif

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/weaklint/weaklint/cmd/weaklint/internal/vetjson"
)

// src has non-ASCII text before the reported positions: "é" is 2 bytes and
// 1 UTF-16 unit, "𝔵" 4 bytes and 2 units.
const src = "package p\n\nvar s = \"é𝔵\"; var x = p.Value().Name\n"

func convert(t *testing.T, root, content string, d vetjson.Diagnostic) Result {
	t.Helper()
	file := filepath.Join(root, "sub", "p.go")
	if err := os.MkdirAll(filepath.Dir(file), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
	d.Posn = strings.ReplaceAll(d.Posn, "FILE", file)
	d.End = strings.ReplaceAll(d.End, "FILE", file)
	for i := range d.SuggestedFixes {
		for j := range d.SuggestedFixes[i].Edits {
			d.SuggestedFixes[i].Edits[j].Filename = file
		}
	}
	log := Convert(Run{
		Tool:        Tool{Name: "weaklint", Rules: []Rule{{Name: "weakderef", Doc: "report uses. More.", URL: "https://x/#weakderef"}}},
		Root:        root,
		Diagnostics: vetjson.Tree{"p": {"weakderef": {Diagnostics: []vetjson.Diagnostic{d}}}},
	})
	if n := len(log.Runs[0].Results); n != 1 {
		t.Fatalf("%d results, want 1", n)
	}
	return log.Runs[0].Results[0]
}

// TestColumnsAndFixes: columns count UTF-16 code units; a fix's byte
// offsets become the same regions; the file is relative to %SRCROOT%.
func TestColumnsAndFixes(t *testing.T) {
	byteCol := strings.Index(src, "p.Value()") - strings.Index(src, "var s") + 1 // 1-based, in bytes
	start := strings.Index(src, "p.Value()")
	r := convert(t, t.TempDir(), src, vetjson.Diagnostic{
		Posn:    "FILE:3:" + itoa(byteCol),
		End:     "FILE:3:" + itoa(byteCol+len("p.Value()")),
		Message: "possible nil dereference",
		SuggestedFixes: []vetjson.SuggestedFix{{Message: "check", Edits: []vetjson.TextEdit{
			{Start: start, End: start + len("p.Value()"), New: "v"},
		}}},
	})
	const wantCol = 24 // `var s = "é𝔵"; var x = ` is 26 bytes, 23 UTF-16 units
	loc := r.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "sub/p.go" || loc.ArtifactLocation.URIBaseID != SrcRoot {
		t.Errorf("artifact %+v, want sub/p.go under %s", loc.ArtifactLocation, SrcRoot)
	}
	if g := *loc.Region; g != (Region{StartLine: 3, StartColumn: wantCol, EndLine: 3, EndColumn: wantCol + 9}) {
		t.Errorf("region %+v, want line 3 columns %d-%d", g, wantCol, wantCol+9)
	}
	if len(r.Fixes) != 1 || len(r.Fixes[0].ArtifactChanges) != 1 {
		t.Fatalf("fixes %+v, want one change", r.Fixes)
	}
	rep := r.Fixes[0].ArtifactChanges[0].Replacements[0]
	if rep.DeletedRegion != (Region{StartLine: 3, StartColumn: wantCol, EndLine: 3, EndColumn: wantCol + 9}) || rep.InsertedContent.Text != "v" {
		t.Errorf("replacement %+v %q", rep.DeletedRegion, rep.InsertedContent.Text)
	}
}

// TestFingerprint: unrelated edits that move a finding keep its
// fingerprint; a change of the reported line or message does not.
func TestFingerprint(t *testing.T) {
	root := t.TempDir()
	fp := func(content string, line int, message string) string {
		r := convert(t, root, content, vetjson.Diagnostic{Posn: "FILE:" + itoa(line) + ":5", Message: message})
		return r.PartialFingerprints[FingerprintKey]
	}
	base := fp(src, 3, "m")
	if base == "" {
		t.Fatal("no fingerprint")
	}
	moved := "// a comment\n\n" + src
	if got := fp(moved, 5, "m"); got != base {
		t.Errorf("fingerprint changed when lines were added above: %s, was %s", got, base)
	}
	if got := fp(strings.Replace(src, "Name", "Size", 1), 3, "m"); got == base {
		t.Error("fingerprint unchanged when the reported line changed")
	}
	if got := fp(src, 3, "other"); got == base {
		t.Error("fingerprint unchanged when the message changed")
	}
}

func TestSummary(t *testing.T) {
	if got := summary("report uses of x\n\nMore text. Here."); got != "report uses of x" {
		t.Errorf("summary = %q", got)
	}
	if got := summary("Reports x. Then y."); got != "Reports x." {
		t.Errorf("summary = %q", got)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
