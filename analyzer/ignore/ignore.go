package ignore

import (
	"fmt"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/suppress"
)

//go:generate go run ../internal/analysisdoc/gendoc

// New returns the two analyzers for the given checks, each of which runs
// through suppress.Run: directive reports malformed directives and names
// that are none of the checks; unused reports directives that silence
// none of the checks' reports (it requires the checks).
func New(checks []*analysis.Analyzer) (directive, unused *analysis.Analyzer) {
	names := make([]string, len(checks))
	for i, a := range checks {
		names[i] = a.Name
	}
	directive = &analysis.Analyzer{
		Name: "ignoredirective",
		Doc:  ignoredirectiveDoc,
		URL:  "https://github.com/weaklint/weaklint#suppressing-a-report",
		Run:  func(pass *analysis.Pass) (any, error) { return nil, checkDirectives(pass, names) },
	}
	unused = &analysis.Analyzer{
		Name:     "unusedignore",
		Doc:      unusedignoreDoc,
		URL:      "https://github.com/weaklint/weaklint#suppressing-a-report",
		Requires: slices.Clone(checks),
		Run:      func(pass *analysis.Pass) (any, error) { return nil, checkUnused(pass, checks) },
	}
	return directive, unused
}

func checkDirectives(pass *analysis.Pass, known []string) error {
	for _, file := range pass.Files {
		for _, d := range suppress.Parse(pass.Fset, file) {
			if len(d.Names) == 0 {
				report(pass, d.Pos, "//weaklint:ignore names no analyzer: write //weaklint:ignore NAME reason, NAME one of %s or all", strings.Join(known, ", "))
				continue
			}
			for i, n := range d.Names {
				if n != "all" && !slices.Contains(known, n) {
					report(pass, d.NamePos[i], "unknown analyzer %q in //weaklint:ignore: it silences nothing; the analyzers are %s (or all)", n, strings.Join(known, ", "))
				}
			}
			if d.Reason == "" {
				report(pass, d.Pos, "//weaklint:ignore without a reason silences nothing: say why the report is wrong or deliberate after the analyzer names")
			}
		}
	}
	return nil
}

func checkUnused(pass *analysis.Pass, checks []*analysis.Analyzer) error {
	used := make(map[string]suppress.Used)
	for _, a := range checks {
		used[a.Name] = pass.ResultOf[a].(suppress.Used)
	}
	for _, file := range pass.Files {
		for _, d := range suppress.Parse(pass.Fset, file) {
			if d.Reason == "" {
				continue // malformed: ignoredirective's business
			}
			var unused []int // indexes of the names that silenced nothing
			for i, n := range d.Names {
				switch u, known := used[n]; {
				case n == "all":
					if !slices.ContainsFunc(checks, func(a *analysis.Analyzer) bool { return used[a.Name][d.Pos] }) {
						unused = append(unused, i)
					}
				case known && !u[d.Pos]:
					unused = append(unused, i)
				}
			}
			for k, i := range unused {
				n := d.Names[i]
				diag := analysis.Diagnostic{Pos: d.NamePos[i], Category: pass.Analyzer.Name}
				if n == "all" {
					diag.Message = "//weaklint:ignore all silences nothing: no report on this line or the next; remove the directive"
				} else {
					diag.Message = fmt.Sprintf("//weaklint:ignore %s silences nothing: %s reports nothing on this line or the next; remove %s from the directive", n, n, n)
				}
				// Mechanical fixes: the whole directive when no name is
				// used (on the first report only), else the one stale name.
				switch {
				case len(unused) == len(d.Names) && k == 0:
					if edit, ok := removal(pass, d); ok {
						diag.SuggestedFixes = []analysis.SuggestedFix{{Message: "Remove the directive", TextEdits: []analysis.TextEdit{edit}}}
					}
				case len(unused) == 1 && len(d.Names) > 1:
					diag.SuggestedFixes = []analysis.SuggestedFix{{Message: "Remove " + n + " from the directive", TextEdits: []analysis.TextEdit{nameRemoval(d, i)}}}
				}
				pass.Report(diag)
			}
		}
	}
	return nil
}

func report(pass *analysis.Pass, pos token.Pos, format string, args ...any) {
	pass.Report(analysis.Diagnostic{Pos: pos, Category: pass.Analyzer.Name, Message: fmt.Sprintf(format, args...)})
}
