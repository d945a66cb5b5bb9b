package ignore

import (
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/suppress"
)

// removal returns the edit that deletes directive d from its file: the
// whole line when the directive stands alone on it, else the directive and
// the blanks before it. ok is false if the file cannot be read.
func removal(pass *analysis.Pass, d *suppress.Directive) (analysis.TextEdit, bool) {
	tf := pass.Fset.File(d.Pos)
	if tf == nil {
		return analysis.TextEdit{}, false
	}
	content, err := pass.ReadFile(tf.Name())
	if err != nil || tf.Offset(d.End) > len(content) {
		return analysis.TextEdit{}, false
	}
	start, end := tf.Offset(d.Pos), tf.Offset(d.End)
	lineStart := tf.Offset(tf.LineStart(d.Line))
	before := start
	for before > lineStart && (content[before-1] == ' ' || content[before-1] == '\t') {
		before--
	}
	if before == lineStart { // alone on its line: the line goes
		if end < len(content) && content[end] == '\n' {
			end++
		}
		return analysis.TextEdit{Pos: tf.Pos(lineStart), End: tf.Pos(end)}, true
	}
	return analysis.TextEdit{Pos: tf.Pos(before), End: d.End}, true
}

// nameRemoval returns the edit that deletes name i (and a comma beside it)
// from a directive that names several analyzers.
func nameRemoval(d *suppress.Directive, i int) analysis.TextEdit {
	start := d.NamePos[i]
	end := start + token.Pos(len(d.Names[i]))
	if i+1 < len(d.Names) {
		end = d.NamePos[i+1] // the name and the comma after it
	} else {
		start-- // the comma before it
	}
	return analysis.TextEdit{Pos: start, End: end}
}
