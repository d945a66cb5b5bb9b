// Package suppress lets code silence a weaklint report it means to make:
//
//	runtime.AddCleanup(obj, fn, obj) //weaklint:ignore cleanupref testing the panic
//
// The directive names one or more analyzers (comma-separated, or "all"),
// then optionally why. It applies to its own line and, written on a line of
// its own, to the line below, as staticcheck's //lint:ignore does.
package suppress

import (
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Directive starts a comment that silences reports.
const Directive = "//weaklint:ignore"

// A Filter reports a pass's diagnostics except those a directive silences.
type Filter struct {
	pass  *analysis.Pass
	lines map[lineKey][]string // analyzer names silenced on a line
}

type lineKey struct {
	file string
	line int
}

// New returns a Filter for pass. The files' comments are read on the first
// report only: most packages report nothing.
func New(pass *analysis.Pass) *Filter { return &Filter{pass: pass} }

// Report reports d unless a directive silences it.
func (f *Filter) Report(d analysis.Diagnostic) {
	if !f.silenced(d.Pos) {
		f.pass.Report(d)
	}
}

func (f *Filter) silenced(pos token.Pos) bool {
	if f.lines == nil {
		f.lines = f.directives()
	}
	p := f.pass.Fset.Position(pos)
	for _, name := range f.lines[lineKey{p.Filename, p.Line}] {
		if name == "all" || name == f.pass.Analyzer.Name {
			return true
		}
	}
	return false
}

func (f *Filter) directives() map[lineKey][]string {
	lines := make(map[lineKey][]string)
	for _, file := range f.pass.Files {
		for _, group := range file.Comments {
			for _, c := range group.List {
				rest, ok := strings.CutPrefix(c.Text, Directive)
				if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
					continue
				}
				fields := strings.Fields(rest)
				if len(fields) == 0 {
					continue // names are required: a bare directive silences nothing
				}
				names := strings.Split(fields[0], ",")
				p := f.pass.Fset.Position(c.Pos())
				for _, line := range []int{p.Line, p.Line + 1} {
					k := lineKey{p.Filename, line}
					lines[k] = append(lines[k], names...)
				}
			}
		}
	}
	return lines
}
