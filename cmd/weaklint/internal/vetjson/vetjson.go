// Package vetjson reads and writes the JSON that go/analysis drivers print
// with -json (multichecker, and go vet with a vet tool): one object per
// package ID, holding per analyzer either its diagnostics or an error.
//
//	{"example.com/p": {"weakderef": [{"posn": "/src/p/p.go:3:2", "message": "..."}]}}
//
// The types mirror x/tools' internal/analysis/driverutil JSON types.
package vetjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// A Tree maps package IDs to analyzer names to results.
type Tree map[string]map[string]Result

// A Result is what one analyzer produced for one package: diagnostics, or
// the error that stopped it.
type Result struct {
	Diagnostics []Diagnostic
	Error       string
}

// A Diagnostic is an analysis.Diagnostic with its positions spelled out.
type Diagnostic struct {
	Category       string          `json:"category,omitempty"`
	Posn           string          `json:"posn"` // file:line:column, column in bytes
	End            string          `json:"end"`
	Message        string          `json:"message"`
	SuggestedFixes []SuggestedFix  `json:"suggested_fixes,omitempty"`
	Related        []RelatedInform `json:"related,omitempty"`
}

// A SuggestedFix is a set of edits to apply together.
type SuggestedFix struct {
	Message string     `json:"message"`
	Edits   []TextEdit `json:"edits"`
}

// A TextEdit replaces the bytes [Start, End) of a file with New.
type TextEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// A RelatedInform is a secondary position of a diagnostic.
type RelatedInform struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

func (r Result) MarshalJSON() ([]byte, error) {
	if r.Error != "" {
		return json.Marshal(struct {
			Err string `json:"error"`
		}{r.Error})
	}
	return json.Marshal(r.Diagnostics)
}

func (r *Result) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '{' {
		var e struct {
			Err string `json:"error"`
		}
		if err := json.Unmarshal(data, &e); err != nil {
			return err
		}
		r.Error = e.Err
		return nil
	}
	return json.Unmarshal(data, &r.Diagnostics)
}

// Decode reads a stream of trees (go vet prints one per package) and merges
// them.
func Decode(r io.Reader) (Tree, error) {
	tree := make(Tree)
	dec := json.NewDecoder(r)
	for {
		var t Tree
		err := dec.Decode(&t)
		if err == io.EOF {
			return tree, nil
		}
		if err != nil {
			return nil, fmt.Errorf("reading analysis JSON: %v", err)
		}
		for id, byAnalyzer := range t {
			if tree[id] == nil {
				tree[id] = make(map[string]Result)
			}
			for name, res := range byAnalyzer {
				old := tree[id][name]
				old.Diagnostics = append(old.Diagnostics, res.Diagnostics...)
				if res.Error != "" {
					old.Error = res.Error
				}
				tree[id][name] = old
			}
		}
	}
}

// Dedupe drops the diagnostics that an earlier package ID already holds,
// and then the empty entries. Drivers analyze a package and its test
// variant ("p" and "p [p.test]") separately, and the variant repeats every
// diagnostic of the package's non-test files; IDs sort each package before
// its variant.
func (t Tree) Dedupe() {
	seen := make(map[string]bool)
	for _, id := range slices.Sorted(maps.Keys(t)) {
		for name, res := range t[id] {
			kept := res.Diagnostics[:0:0]
			for _, d := range res.Diagnostics {
				key := name + "\x00" + d.Posn + "\x00" + d.Message
				if !seen[key] {
					seen[key] = true
					kept = append(kept, d)
				}
			}
			res.Diagnostics = kept
			if len(kept) == 0 && res.Error == "" {
				delete(t[id], name)
			} else {
				t[id][name] = res
			}
		}
		if len(t[id]) == 0 {
			delete(t, id)
		}
	}
}

// Count returns the number of diagnostics in t.
func (t Tree) Count() int {
	n := 0
	for _, byAnalyzer := range t {
		for _, res := range byAnalyzer {
			n += len(res.Diagnostics)
		}
	}
	return n
}

// Write prints t as the drivers do: indented with tabs, keys sorted.
func (t Tree) Write(w io.Writer) error {
	data, err := json.MarshalIndent(t, "", "\t")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// A Position is a parsed "file:line:column".
type Position struct {
	File         string
	Line, Column int // 1-based; Column counts bytes
}

// ParsePosn parses a position as drivers print it. ok is false for "-" or
// an empty position (no position). The file name may itself hold colons.
func ParsePosn(posn string) (p Position, ok bool) {
	rest, col, ok1 := cutLastInt(posn)
	file, line, ok2 := cutLastInt(rest)
	if !ok1 || !ok2 || file == "" {
		// "file:line" without a column
		if file, line, ok := cutLastInt(posn); ok && file != "" {
			return Position{File: file, Line: line}, true
		}
		return Position{}, false
	}
	return Position{File: file, Line: line, Column: col}, true
}

func cutLastInt(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil || n < 0 {
		return s, 0, false
	}
	return s[:i], n, true
}
