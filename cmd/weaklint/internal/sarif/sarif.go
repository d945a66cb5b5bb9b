// Package sarif converts analysis diagnostics, as the drivers print them in
// JSON (see vetjson), into a SARIF 2.1.0 log for code-scanning services.
//
// What the SARIF consumers rely on:
//   - one rule per analyzer (its documentation and help URI), results point
//     to their rule by the analyzer's name (ruleId) and index;
//   - files under the module root are URIs relative to it with uriBaseId
//     %SRCROOT%, so the log does not depend on where the code was checked
//     out; others are absolute file URIs;
//   - columns count UTF-16 code units, SARIF's default columnKind;
//   - suggested fixes become fixes (their byte offsets become regions);
//   - partialFingerprints hash the rule, file, message and the text of the
//     reported line, not its number, so that a finding keeps its identity
//     when unrelated edits move it.
//
// The log is built from a few structs of our own: the part of SARIF used here
// is small, and the Go SARIF libraries bring a JSON-schema validator and its
// dependencies into the module with it.
package sarif

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/weaklint/weaklint/cmd/weaklint/internal/vetjson"
)

// Version and Schema identify SARIF 2.1.0.
const (
	Version = "2.1.0"
	Schema  = "https://json.schemastore.org/sarif-2.1.0.json"
)

// SrcRoot is the uriBaseId of files under the module root.
const SrcRoot = "%SRCROOT%"

// FingerprintKey names weaklint's partial fingerprint.
const FingerprintKey = "weaklintLineHash/v1"

// A Rule describes an analyzer.
type Rule struct {
	Name string // the analyzer's name: the ruleId
	Doc  string // its documentation; the first sentence is the summary
	URL  string // its help page
}

// A Tool names the program that produced the diagnostics.
type Tool struct {
	Name, Version, InformationURI string
	Rules                         []Rule
}

// Run describes one run of the tool for Convert.
type Run struct {
	Tool Tool
	Root string // the module root: files under it get uriBaseId SrcRoot
	// Diagnostics is what the analyzers reported, Notifications the errors
	// that stopped some of them (packages that do not load, say).
	Diagnostics   vetjson.Tree
	Notifications []string
	ExitCode      int
	Successful    bool
}

// Convert builds the SARIF log of run. It reads the reported files, to
// count columns in UTF-16 and fingerprint lines; a file that cannot be read
// keeps byte columns and a fingerprint without its text.
func Convert(run Run) *Log {
	c := &converter{run: run, files: make(map[string]*file), ordinals: make(map[string]int)}
	return c.log()
}

type converter struct {
	run      Run
	files    map[string]*file // by name
	ordinals map[string]int   // results so far per fingerprint input
}

func (c *converter) log() *Log {
	driver := ToolComponent{
		Name:           c.run.Tool.Name,
		Version:        c.run.Tool.Version,
		InformationURI: c.run.Tool.InformationURI,
		Rules:          []ReportingDescriptor{},
	}
	ruleIndex := make(map[string]int)
	addRule := func(r Rule) {
		ruleIndex[r.Name] = len(driver.Rules)
		driver.Rules = append(driver.Rules, descriptor(r))
	}
	for _, r := range c.run.Tool.Rules {
		addRule(r)
	}

	results := []Result{}
	var notes []Notification
	for _, id := range slices.Sorted(maps.Keys(c.run.Diagnostics)) {
		byAnalyzer := c.run.Diagnostics[id]
		for _, name := range slices.Sorted(maps.Keys(byAnalyzer)) {
			res := byAnalyzer[name]
			if res.Error != "" {
				notes = append(notes, Notification{Level: "error", Message: Message{Text: name + ": " + id + ": " + res.Error}})
			}
			if _, ok := ruleIndex[name]; !ok && len(res.Diagnostics) > 0 {
				addRule(Rule{Name: name}) // an analyzer this build does not know
			}
			for _, d := range res.Diagnostics {
				results = append(results, c.result(name, ruleIndex[name], d))
			}
		}
	}
	for _, n := range c.run.Notifications {
		notes = append(notes, Notification{Level: "error", Message: Message{Text: n}})
	}

	run := SARIFRun{
		Tool:        ToolWrapper{Driver: driver},
		Invocations: []Invocation{{ExecutionSuccessful: c.run.Successful, ExitCode: &c.run.ExitCode, ToolExecutionNotifications: notes}},
		Results:     results,
		ColumnKind:  "utf16CodeUnits",
	}
	if c.run.Root != "" {
		run.OriginalURIBaseIDs = map[string]ArtifactLocation{SrcRoot: {URI: dirURI(c.run.Root)}}
	}
	return &Log{Schema: Schema, Version: Version, Runs: []SARIFRun{run}}
}

func descriptor(r Rule) ReportingDescriptor {
	d := ReportingDescriptor{
		ID:                   r.Name,
		HelpURI:              r.URL,
		DefaultConfiguration: &Configuration{Level: "warning"},
	}
	if doc := strings.TrimSpace(r.Doc); doc != "" {
		d.ShortDescription = &Message{Text: summary(doc)}
		d.FullDescription = &Message{Text: doc}
		d.Help = &Message{Text: doc}
	}
	return d
}

// summary returns the first sentence (or line) of doc.
func summary(doc string) string {
	line, _, _ := strings.Cut(doc, "\n\n")
	line = strings.Join(strings.Fields(line), " ")
	if i := strings.Index(line, ". "); i >= 0 {
		line = line[:i+1]
	}
	return line
}

func (c *converter) result(rule string, index int, d vetjson.Diagnostic) Result {
	r := Result{
		RuleID:    rule,
		RuleIndex: index,
		Level:     "warning",
		Message:   Message{Text: d.Message},
	}
	fingerprint := rule + "\x00" + d.Message
	if loc, p, ok := c.location(d.Posn, d.End); ok {
		r.Locations = []Location{loc}
		fingerprint += "\x00" + c.relative(p.File) + "\x00" + strings.TrimSpace(c.lineText(p.File, p.Line))
	}
	// Identical findings on identical lines of a file are told apart by
	// their order, which unrelated edits elsewhere do not change.
	n := c.ordinals[fingerprint]
	c.ordinals[fingerprint]++
	sum := sha256.Sum256([]byte(fingerprint + "\x00" + strconv.Itoa(n)))
	r.PartialFingerprints = map[string]string{FingerprintKey: hex.EncodeToString(sum[:16])}

	for i, rel := range d.Related {
		if loc, _, ok := c.location(rel.Posn, rel.End); ok {
			loc.ID = i + 1
			loc.Message = &Message{Text: rel.Message}
			r.RelatedLocations = append(r.RelatedLocations, loc)
		}
	}
	for _, fix := range d.SuggestedFixes {
		if f, ok := c.fix(fix); ok {
			r.Fixes = append(r.Fixes, f)
		}
	}
	return r
}

// location converts the driver's start and end positions.
func (c *converter) location(posn, end string) (Location, vetjson.Position, bool) {
	p, ok := vetjson.ParsePosn(posn)
	if !ok {
		return Location{}, p, false
	}
	region := &Region{StartLine: p.Line}
	if p.Column > 0 {
		region.StartColumn = c.column(p.File, p.Line, p.Column)
	}
	if e, ok := vetjson.ParsePosn(end); ok && e.File == p.File && e.Column > 0 &&
		(e.Line > p.Line || e.Line == p.Line && e.Column > p.Column) {
		region.EndLine = e.Line
		region.EndColumn = c.column(e.File, e.Line, e.Column)
	}
	return Location{PhysicalLocation: &PhysicalLocation{ArtifactLocation: c.artifact(p.File), Region: region}}, p, true
}

// fix converts a suggested fix; edits are byte offsets into the file as it
// was analyzed.
func (c *converter) fix(sf vetjson.SuggestedFix) (Fix, bool) {
	byFile := make(map[string][]Replacement)
	var order []string
	for _, e := range sf.Edits {
		content := c.content(e.Filename)
		if content == nil || e.Start < 0 || e.End < e.Start || e.End > len(content) {
			return Fix{}, false // without the text, offsets cannot become lines
		}
		sl, sc := lineColumn(content, e.Start)
		el, ec := lineColumn(content, e.End)
		if _, ok := byFile[e.Filename]; !ok {
			order = append(order, e.Filename)
		}
		byFile[e.Filename] = append(byFile[e.Filename], Replacement{
			DeletedRegion:   Region{StartLine: sl, StartColumn: sc, EndLine: el, EndColumn: ec},
			InsertedContent: &ArtifactContent{Text: e.New},
		})
	}
	f := Fix{Description: &Message{Text: sf.Message}}
	for _, name := range order {
		f.ArtifactChanges = append(f.ArtifactChanges, ArtifactChange{ArtifactLocation: c.artifact(name), Replacements: byFile[name]})
	}
	return f, len(f.ArtifactChanges) > 0
}

// artifact locates a file: relative to the module root when under it.
func (c *converter) artifact(file string) ArtifactLocation {
	if rel := c.relative(file); rel != "" && !filepath.IsAbs(rel) {
		return ArtifactLocation{URI: pathURI(rel), URIBaseID: SrcRoot}
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		abs = file
	}
	return ArtifactLocation{URI: fileURI(abs)}
}

// relative returns file relative to the root (slash-separated), or file's
// absolute path if it lies outside.
func (c *converter) relative(file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return file
	}
	if c.run.Root != "" {
		if rel, err := filepath.Rel(c.run.Root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return abs
}

// A file is a reported file's text, read once.
type file struct {
	content []byte   // nil if unreadable
	lines   []string // without their newlines
}

func (c *converter) file(name string) *file {
	f, ok := c.files[name]
	if !ok {
		f = new(file)
		f.content, _ = os.ReadFile(name)
		f.lines = strings.Split(string(f.content), "\n")
		c.files[name] = f
	}
	return f
}

func (c *converter) content(name string) []byte { return c.file(name).content }

// lineText returns the text of a 1-based line, "" if unknown.
func (c *converter) lineText(name string, line int) string {
	lines := c.file(name).lines
	if line < 1 || line > len(lines) {
		return ""
	}
	return strings.TrimSuffix(lines[line-1], "\r")
}

// column converts a 1-based byte column on a line into UTF-16 code units.
func (c *converter) column(file string, line, byteCol int) int {
	text := c.lineText(file, line)
	if text == "" || byteCol-1 > len(text) {
		return byteCol
	}
	return utf16Len(text[:byteCol-1]) + 1
}

// lineColumn returns the 1-based line and UTF-16 column of a byte offset.
func lineColumn(content []byte, offset int) (line, col int) {
	before := content[:offset]
	lineStart := strings.LastIndexByte(string(before), '\n') + 1
	return strings.Count(string(before), "\n") + 1, utf16Len(string(before[lineStart:])) + 1
}

func utf16Len(s string) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		n += len(utf16.AppendRune(nil, r))
	}
	return n
}

// pathURI escapes a relative slash-separated path as a URI reference.
func pathURI(rel string) string {
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

func fileURI(abs string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // a Windows drive letter
	}
	return u.String()
}

// dirURI is the file URI of a directory, with the trailing slash that a
// base URI needs.
func dirURI(dir string) string {
	u := fileURI(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}
