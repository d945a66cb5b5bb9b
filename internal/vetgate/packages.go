package vetgate

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// This file is the gate for a program that type-checks packages itself
// (the language server): the same decision as for a go vet unit (skippable),
// on parsed files and type-checked dependencies instead of files on disk
// and vetx files. A package it skips needs no facts computed and no
// syntax kept: its importers only need its types.

// Usable returns the name of the first analyzer among analyzers and their
// requirements that may report or export facts in a package the gate would
// skip, with the analyzers' flags as given (the command line's spelling,
// -NAME.FLAG=value), or "" if the gate may be used.
func Usable(analyzers []*analysis.Analyzer, flags []string) string {
	return unsafeAnalyzer(tableGate, analyzers, flags)
}

// A Dep is a direct dependency of a package, as the gate sees it.
type Dep struct {
	Path     string
	HasFacts bool           // an analyzer exported a fact about it or its objects
	Skipped  bool           // the gate skipped it: its types cannot mention weak
	Types    *types.Package // its types, read only if it was not skipped
}

// Skippable reports whether a package with the given files and direct
// dependencies can be skipped; if not, why not. importMap maps import paths
// as spelled in the files to package paths (vendored packages), as in a go
// vet unit. shown says whether the package's diagnostics are shown (a
// package go vet was asked about, not VetxOnly): then its files must have
// been parsed with comments, and a //weaklint:ignore directive makes it
// matter (package ignore reports on directives). A syntax error is the
// caller's to weigh: the files are what the parser made of them.
func Skippable(files []*ast.File, importMap map[string]string, deps []Dep, shown bool) (bool, string) {
	var checked []dependency
	for _, d := range deps {
		checked = append(checked, dependency{path: d.Path, hasFacts: d.HasFacts, skipped: d.Skipped, mentions: func() (bool, error) {
			return typesMention(d.Types), nil
		}})
	}
	return decide(checked, func() string {
		for _, f := range files {
			s, err := summarize(f, true)
			if err != nil {
				return err.Error()
			}
			var reason string
			if shown {
				reason = s.relevance(importMap)
			} else {
				var runtimeNames []string
				reason, runtimeNames = s.importsRelevance(importMap)
				if reason == "" {
					reason = s.refsRelevance(runtimeNames)
				}
			}
			if reason != "" {
				return reason
			}
		}
		return ""
	})
}

// typesMention reports whether the declarations of pkg reach a type of
// weak or runtimeweak: the semantic form of typesMentionRelevant's search
// of export data, which holds every package-level declaration and every
// type they reach, in any package.
func typesMention(pkg *types.Package) bool {
	if pkg == nil {
		return false
	}
	w := typeWalker{seen: make(map[types.Type]bool)}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if w.mentions(scope.Lookup(name).Type()) {
			return true
		}
	}
	return false
}

type typeWalker struct{ seen map[types.Type]bool }

func (w *typeWalker) mentions(t types.Type) bool {
	if t == nil || w.seen[t] {
		return false
	}
	w.seen[t] = true
	relevant := func(obj *types.TypeName) bool {
		return obj != nil && obj.Pkg() != nil && relevantImports[obj.Pkg().Path()]
	}
	typeArgs := func(list *types.TypeList) bool {
		for i := range list.Len() {
			if w.mentions(list.At(i)) {
				return true
			}
		}
		return false
	}
	switch t := t.(type) {
	case *types.Named:
		if relevant(t.Obj()) || typeArgs(t.TypeArgs()) || w.mentions(t.Underlying()) {
			return true
		}
		for i := range t.NumMethods() {
			if w.mentions(t.Method(i).Type()) {
				return true
			}
		}
		if tps := t.TypeParams(); tps != nil {
			for i := range tps.Len() {
				if w.mentions(tps.At(i)) {
					return true
				}
			}
		}
	case *types.Alias:
		return relevant(t.Obj()) || typeArgs(t.TypeArgs()) || w.mentions(t.Rhs())
	case *types.Pointer:
		return w.mentions(t.Elem())
	case *types.Slice:
		return w.mentions(t.Elem())
	case *types.Array:
		return w.mentions(t.Elem())
	case *types.Chan:
		return w.mentions(t.Elem())
	case *types.Map:
		return w.mentions(t.Key()) || w.mentions(t.Elem())
	case *types.Signature:
		if tps := t.TypeParams(); tps != nil {
			for i := range tps.Len() {
				if w.mentions(tps.At(i)) {
					return true
				}
			}
		}
		return w.mentions(t.Params()) || w.mentions(t.Results())
	case *types.Tuple:
		if t == nil {
			return false
		}
		for i := range t.Len() {
			if w.mentions(t.At(i).Type()) {
				return true
			}
		}
	case *types.Struct:
		for i := range t.NumFields() {
			if w.mentions(t.Field(i).Type()) {
				return true
			}
		}
	case *types.Interface:
		for i := range t.NumExplicitMethods() {
			if w.mentions(t.ExplicitMethod(i).Type()) {
				return true
			}
		}
		for i := range t.NumEmbeddeds() {
			if w.mentions(t.EmbeddedType(i)) {
				return true
			}
		}
	case *types.TypeParam:
		return w.mentions(t.Constraint())
	case *types.Union:
		for i := range t.Len() {
			if w.mentions(t.Term(i).Type()) {
				return true
			}
		}
	}
	return false
}

// FlagsOf turns the server's canonical flag settings ("NAME.FLAG=value",
// separated by spaces) into the command line's spelling for Usable.
func FlagsOf(config string) []string {
	var flags []string
	for _, f := range strings.Fields(config) {
		flags = append(flags, "-"+f)
	}
	return flags
}
