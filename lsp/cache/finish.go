package cache

import (
	"bytes"
	"fmt"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// finishWith turns what the analyzers (the snapshot's, not those they
// require) found in an open package into the diagnostics of its files, for
// a package that may have errors (see errors.go):
//   - findings inside broken declarations are dropped, unless the analyzer
//     declares RunDespiteErrors;
//   - for an analyzer that failed, a file unchanged since the analyzer last
//     ran on it without errors shows what it found then;
//   - each file gets notes saying what was not analyzed and why.
func (v *view) finishWith(fset *token.FileSet, r *root, pkg *packages.Package, reports []found, failed map[*analysis.Analyzer]error, analyzers []*analysis.Analyzer, read func(string) ([]byte, error)) rootResult {
	broken := findBrokenCode(pkg)
	kept := slices.DeleteFunc(slices.Clone(reports), func(f found) bool {
		return !f.analyzer.RunDespiteErrors && broken.contains(fset, f.diag.Pos)
	})
	res := rootResult{
		diags:    v.convert(fset, pkg.Syntax, kept, read),
		notes:    make(map[string][]string),
		lastGood: make(map[string]map[string]goodResult),
	}
	var strict []string // analyzers that skip broken code
	for _, a := range analyzers {
		if !a.RunDespiteErrors {
			strict = append(strict, a.Name)
		}
	}
	for _, name := range pkg.CompiledGoFiles {
		content, err := read(name)
		if err != nil {
			continue
		}
		prev := r.lastGood[name]
		good := make(map[string]goodResult)
		if first := broken.first[name]; first != "" && len(strict) > 0 {
			res.notes[name] = append(res.notes[name], fmt.Sprintf("declarations with errors are not analyzed by %s (first error %s)", strings.Join(strict, ", "), first))
		}
		for _, a := range analyzers {
			if err := failed[a]; err != nil {
				why := fmt.Sprintf("%s could not analyze package %s: %v", a.Name, pkg.PkgPath, err)
				if !broken.errorFree() {
					why += " (the package has errors: " + broken.pkg + ")"
				}
				if g, ok := prev[a.Name]; ok && bytes.Equal(g.content, content) {
					res.diags[name] = append(res.diags[name], g.diags...)
					good[a.Name] = g
					why += "; showing its findings in the last version of this file"
				}
				res.notes[name] = append(res.notes[name], why)
				continue
			}
			if broken.first[name] != "" {
				if g, ok := prev[a.Name]; ok {
					good[a.Name] = g // still the last good, for when the file is back as it was
				}
				continue
			}
			var mine []Diagnostic
			for _, d := range res.diags[name] {
				if d.Analyzer == a.Name {
					mine = append(mine, d)
				}
			}
			good[a.Name] = goodResult{content: content, diags: mine}
		}
		res.lastGood[name] = good
		sortDiagnostics(res.diags[name])
	}
	return res
}
