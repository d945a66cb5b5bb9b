package analyzer_test

import (
	"reflect"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer"
)

// TestTable checks the rows of analyzer.Table against their analyzers. What
// each promise means for go vet's fast path is tested in internal/vetgate.
func TestTable(t *testing.T) {
	if err := analysis.Validate(analyzer.All()); err != nil {
		t.Fatal(err)
	}
	names := make(map[string]bool)
	for _, e := range analyzer.Table {
		a := e.Analyzer
		if names[a.Name] {
			t.Errorf("analyzer %s: two rows", a.Name)
		}
		names[a.Name] = true
		for _, name := range e.Gate.OffWhen {
			f := a.Flags.Lookup(name)
			if f == nil {
				t.Errorf("analyzer %s: Gate.OffWhen names -%s.%s, which is not one of its flags", a.Name, a.Name, name)
				continue
			}
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
				t.Errorf("analyzer %s: Gate.OffWhen names -%s.%s, which is not a boolean flag", a.Name, a.Name, name)
			}
		}
		for _, fact := range e.Gate.InertFacts {
			if !slices.ContainsFunc(a.FactTypes, func(f analysis.Fact) bool { return reflect.TypeOf(f) == reflect.TypeOf(fact) }) {
				t.Errorf("analyzer %s: Gate.InertFacts lists %T, which is not one of its FactTypes", a.Name, fact)
			}
		}
		if !e.Gate.Safe && len(e.Gate.OffWhen) > 0 {
			t.Errorf("analyzer %s: Gate.OffWhen without Safe means nothing", a.Name)
		}
	}

	// Every analyzer that a check requires and that has facts has a row:
	// the vet gate must know whether its facts can appear in a package it
	// skips. A fact-only row must be required by some check.
	required := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		for _, req := range a.Requires {
			if !required[req] {
				required[req] = true
				visit(req)
			}
		}
	}
	for _, a := range analyzer.All() {
		visit(a)
	}
	for a := range required {
		if _, ok := analyzer.Lookup(a); !ok && len(a.FactTypes) > 0 {
			t.Errorf("analyzer %s: required by a check and exports facts, but has no row in analyzer.Table", a.Name)
		}
	}
	for _, e := range analyzer.Table {
		if e.FactsOnly && !required[e.Analyzer] {
			t.Errorf("fact-only analyzer %s: no check requires it", e.Analyzer.Name)
		}
	}
}
