// Package suppress lets code silence a weaklint report it means to make:
//
//	runtime.AddCleanup(obj, fn, obj) //weaklint:ignore cleanupref the panic is under test
//
// The directive names one or more analyzers (comma-separated, or "all"),
// then why: the reason is required. It applies to its own line and, written
// on a line of its own, to the line below, as staticcheck's //lint:ignore
// does. A directive without a reason silences nothing.
//
// Directives cannot rot silently: package analyzer/ignore reports those
// that are malformed or name an unknown analyzer, and those that silence
// nothing. For that, each check runs through Run, which hands the
// directives that silenced its reports to the analyzers that require it.
package suppress

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// Prefix starts a comment that silences reports.
const Prefix = "//weaklint:ignore"

// A Directive is a //weaklint:ignore comment.
type Directive struct {
	Pos      token.Pos   // the comment's start: the directive's identity
	End      token.Pos   // the comment's end
	Names    []string    // the analyzers named ("all" for every one)
	NamePos  []token.Pos // where each name starts
	Reason   string      // why; "" if missing
	Line     int         // the comment's line
	Filename string
}

// Silences reports whether d silences the reports of analyzer name: a
// directive without a reason silences nothing.
func (d *Directive) Silences(name string) bool {
	if d.Reason == "" {
		return false
	}
	for _, n := range d.Names {
		if n == "all" || n == name {
			return true
		}
	}
	return false
}

// Parse returns the directives of a file, in order. A comment is one if it
// is Prefix alone or Prefix followed by a space or tab.
func Parse(fset *token.FileSet, file *ast.File) []*Directive {
	var ds []*Directive
	for _, group := range file.Comments {
		for _, c := range group.List {
			rest, ok := strings.CutPrefix(c.Text, Prefix)
			if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
				continue
			}
			p := fset.Position(c.Pos())
			d := &Directive{Pos: c.Pos(), End: c.End(), Line: p.Line, Filename: p.Filename}
			trimmed := strings.TrimLeft(rest, " \t")
			namesStart := c.Pos() + token.Pos(len(Prefix)+len(rest)-len(trimmed))
			names, reason, _ := strings.Cut(strings.ReplaceAll(trimmed, "\t", " "), " ")
			d.Reason = strings.TrimSpace(reason)
			if names != "" {
				off := 0
				for _, n := range strings.Split(names, ",") {
					d.Names = append(d.Names, n)
					d.NamePos = append(d.NamePos, namesStart+token.Pos(off))
					off += len(n) + 1
				}
			}
			ds = append(ds, d)
		}
	}
	return ds
}

// A Filter reports a pass's diagnostics except those a directive silences.
type Filter struct {
	pass  *analysis.Pass
	lines map[lineKey][]*Directive // directives that apply to a line
	used  Used
}

type lineKey struct {
	file string
	line int
}

// Used is the result of a check that runs through Run: the directives
// (by position) that silenced at least one of its reports.
type Used map[token.Pos]bool

// UsedType is the ResultType of a check that runs through Run.
var UsedType = reflect.TypeFor[Used]()

// filters holds the Filter of each pass running under Run.
var filters sync.Map // *analysis.Pass → *Filter

// Run wraps a check's run function: the check reports through New(pass),
// and its result is the directives that silenced something (Used). The
// check's own run must return a nil result.
func Run(run func(*analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (any, error) {
		f := &Filter{pass: pass}
		filters.Store(pass, f)
		defer filters.Delete(pass)
		res, err := run(pass)
		if res != nil {
			return nil, fmt.Errorf("suppress.Run: %s returned a result (%T)", pass.Analyzer.Name, res)
		}
		if f.used == nil {
			f.used = Used{}
		}
		return f.used, err
	}
}

// New returns the Filter of pass. The files' comments are read on the first
// report only: most packages report nothing.
func New(pass *analysis.Pass) *Filter {
	if f, ok := filters.Load(pass); ok {
		return f.(*Filter)
	}
	return &Filter{pass: pass}
}

// Report reports d unless a directive silences it.
func (f *Filter) Report(d analysis.Diagnostic) {
	if dir := f.silencer(d.Pos); dir != nil {
		if f.used == nil {
			f.used = make(Used)
		}
		f.used[dir.Pos] = true
		return
	}
	f.pass.Report(d)
}

func (f *Filter) silencer(pos token.Pos) *Directive {
	if f.lines == nil {
		f.lines = make(map[lineKey][]*Directive)
		for _, file := range f.pass.Files {
			for _, d := range Parse(f.pass.Fset, file) {
				for _, line := range []int{d.Line, d.Line + 1} {
					k := lineKey{d.Filename, line}
					f.lines[k] = append(f.lines[k], d)
				}
			}
		}
	}
	p := f.pass.Fset.Position(pos)
	for _, d := range f.lines[lineKey{p.Filename, p.Line}] {
		if d.Silences(f.pass.Analyzer.Name) {
			return d
		}
	}
	return nil
}
