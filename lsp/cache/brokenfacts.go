package cache

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"
)

// This file computes the facts of a package with errors, which its
// importers need as much as those of a package without: one body being
// typed in a dependency must not cost the importers their findings.
//
// An analyzer that declares RunDespiteErrors runs on the package as it is.
// The others (weaklint's fact analyzers build SSA, which panics on
// ill-typed code) run on the package repaired (repair.go: broken bodies
// stubbed out), and their facts are moved onto the package's own objects
// by object path: the importers were checked against those. A stubbed
// function exports no fact; every other declaration is the same syntax,
// so its facts are those it will have once the error is fixed.

// splitDespite splits analyzers into those that run despite errors and the
// others.
func splitDespite(analyzers []*analysis.Analyzer) (despite, strict []*analysis.Analyzer) {
	for _, a := range analyzers {
		if a.RunDespiteErrors {
			despite = append(despite, a)
		} else {
			strict = append(strict, a)
		}
	}
	return despite, strict
}

// withFactTypes returns the analyzers that export facts.
func withFactTypes(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, a := range analyzers {
		if len(a.FactTypes) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// analyzeFacts runs the analyzers that export facts among order (ordered
// by withRequires) on a dependency, for its importers.
func (d *driver) analyzeFacts(pkg *packages.Package, order []*analysis.Analyzer) {
	if broken := findBrokenCode(pkg); !broken.errorFree() {
		if fixed := repair(pkg, broken); fixed != nil {
			despite, strict := splitDespite(withFactTypes(order))
			d.analyze(pkg, withRequires(despite))
			d.analyze(fixed, withRequires(strict))
			d.adoptFacts(fixed.Types, pkg.Types, strict)
			return
		}
	}
	d.analyze(pkg, order)
}

// adoptFacts replaces the facts that the given analyzers exported about pkg
// with those they exported about its repaired form, and forgets every fact
// about the repaired form (nothing else sees its objects).
func (d *driver) adoptFacts(repaired, pkg *types.Package, analyzers []*analysis.Analyzer) {
	s := d.facts
	s.mu.Lock()
	defer s.mu.Unlock()
	var moved []factKey
	var facts []analysis.Fact
	for _, k := range s.byPkg[repaired] {
		if !slices.Contains(analyzers, k.analyzer) {
			continue
		}
		nk := factKey{k.analyzer, nil, pkg, k.typ}
		if k.obj != nil {
			path, err := objectpath.For(k.obj)
			if err != nil {
				continue // not reachable from the package's scope
			}
			obj, err := objectpath.Object(pkg, path)
			if err != nil {
				continue // declared differently in the broken package
			}
			nk.obj = obj
		}
		moved = append(moved, nk)
		facts = append(facts, s.facts[k])
	}
	// What the strict analyzers may have exported about the broken
	// package (as requirements of others) is not trusted.
	kept := s.byPkg[pkg][:0]
	for _, k := range s.byPkg[pkg] {
		if slices.Contains(analyzers, k.analyzer) {
			delete(s.facts, k)
		} else {
			kept = append(kept, k)
		}
	}
	s.byPkg[pkg] = kept
	for i, k := range moved {
		s.putLocked(k, facts[i])
	}
	for _, k := range s.byPkg[repaired] {
		delete(s.facts, k)
	}
	delete(s.byPkg, repaired)
}
