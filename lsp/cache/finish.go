package cache

import (
	"bytes"
	"fmt"
	"go/token"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// analyzeRoot runs the analyzers on an open package and returns its
// diagnostics. A package with errors is analyzed in its repaired form if it
// can be repaired (see repair), but for the analyzers that run despite
// errors; the facts exported there are moved onto the package's own
// objects, which its importers are checked against (see brokenfacts.go).
//
// contents are those of the package's files that pkg was checked with: the
// version is remembered (memo.go).
func (v *view) analyzeRoot(d *driver, fset *token.FileSet, r *root, pkg *packages.Package, analyzers []*analysis.Analyzer, read func(string) ([]byte, error), contents map[string][]byte) rootResult {
	reports, failed := runRoot(d, pkg, analyzers)
	r.remember(&version{contents: maps.Clone(contents), pkg: pkg, reports: reports, failed: failed, facts: d.facts.of(pkg)})
	return v.finishVersion(fset, r, pkg, reports, failed, analyzers, read)
}

// finishVersion is finishWith for a package the analyzers may have skipped.
func (v *view) finishVersion(fset *token.FileSet, r *root, pkg *packages.Package, reports []found, failed map[*analysis.Analyzer]error, analyzers []*analysis.Analyzer, read func(string) ([]byte, error)) rootResult {
	if pkg.TypesInfo == nil {
		return skippedRoot(pkg, analyzers, read)
	}
	return v.finishWith(fset, r, pkg, reports, failed, analyzers, read)
}

// runRoot runs the analyzers on an open package (see analyzeRoot); nothing
// on a package they skip (load.go), which gets its nil-safe facts only
// (nilsafe.go).
func runRoot(d *driver, pkg *packages.Package, analyzers []*analysis.Analyzer) ([]found, map[*analysis.Analyzer]error) {
	if pkg.TypesInfo == nil {
		d.nilSafeFacts(pkg, factAnalyzers(analyzers))
		return nil, nil
	}
	if broken := findBrokenCode(pkg); !broken.errorFree() {
		if fixed := repair(pkg, broken); fixed != nil {
			// Analyzers that stand errors see the code as it is, broken
			// bodies included; the others see the repaired package, and
			// the facts they export there are the package's (brokenfacts.go).
			despite, others := splitDespite(analyzers)
			despiteFacts, strictFacts := splitDespite(withFactTypes(factAnalyzers(analyzers)))
			reports, failed := d.analyze(pkg, withRequires(append(slices.Clone(despite), despiteFacts...)))
			reports = slices.DeleteFunc(reports, func(f found) bool { return !slices.Contains(despite, f.analyzer) })
			fixedReports, fixedFailed := d.analyze(fixed, withRequires(append(slices.Clone(others), strictFacts...)))
			d.adoptFacts(fixed.Types, pkg.Types, strictFacts)
			reports = append(reports, fixedReports...)
			for _, a := range others {
				failed[a] = fixedFailed[a]
			}
			return reports, failed
		}
	}
	return d.analyze(pkg, withRequires(analyzers))
}

// skippedRoot is the result of an open package that the analyzers skip
// (load.go): by the vet gate's rule, none of them can report in it,
// whatever errors it has.
func skippedRoot(pkg *packages.Package, analyzers []*analysis.Analyzer, read func(string) ([]byte, error)) rootResult {
	res := rootResult{diags: make(map[string][]Diagnostic), notes: make(map[string][]string), lastGood: make(map[string]map[string]goodResult)}
	for _, name := range pkg.CompiledGoFiles {
		content, err := read(name)
		if err != nil {
			continue
		}
		good := make(map[string]goodResult, len(analyzers))
		for _, a := range analyzers {
			good[a.Name] = goodResult{content: content}
		}
		res.lastGood[name] = good
	}
	return res
}

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
