package cache

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"maps"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/weaklint/weaklint/internal/vetgate"
)

// This file type-checks the packages of a load. go list gives the
// packages and their files (go/packages without types or syntax); each
// package is then parsed and type-checked here, dependencies first, several
// at a time, and only the open packages keep their syntax and type
// information: a dependency is needed by its importers for its types, and
// by the analyzers for its facts, never for its syntax.
//
// Most dependencies cannot matter to weaklint's checks: the vet gate's
// rule (internal/vetgate) says which, from a package's files and what its
// dependencies exported. Such a package is type-checked without its
// function bodies and never analyzed. The others are type-checked whole,
// analyzed by the analyzers that export facts, and their syntax dropped
// once their facts are computed. The gate applies only while the analyzers
// keep its promises (vetgate.Usable): otherwise every dependency is
// analyzed.

// loadChecker type-checks and analyzes the packages of one load.
type loadChecker struct {
	fset      *token.FileSet
	read      func(string) ([]byte, error)
	d         *driver
	factOrder []*analysis.Analyzer
	gate      bool // the analyzers keep the gate's promises
	isRoot    map[*packages.Package]bool
	onRoot    func(*packages.Package) // analyzes an open package, once its imports are analyzed

	mu        sync.Mutex
	skipped   map[*packages.Package]bool // by the gate
	withFacts map[*packages.Package]bool // it or a dependency exported facts
	analyzed  int                        // dependencies analyzed for their facts
}

func newLoadChecker(fset *token.FileSet, read func(string) ([]byte, error), d *driver, analyzers []*analysis.Analyzer, config string, isRoot map[*packages.Package]bool, onRoot func(*packages.Package)) *loadChecker {
	return &loadChecker{
		fset:      fset,
		read:      read,
		d:         d,
		factOrder: factAnalyzers(analyzers),
		gate:      vetgate.Usable(analyzers, vetgate.FlagsOf(config)) == "",
		isRoot:    isRoot,
		onRoot:    onRoot,
		skipped:   make(map[*packages.Package]bool),
		withFacts: make(map[*packages.Package]bool),
	}
}

// run type-checks every package reachable from pkgs, dependencies first,
// as many at a time as there are processors, and computes the facts of the
// dependencies that need them. It stops early if ctx is cancelled.
func (c *loadChecker) run(ctx context.Context, pkgs []*packages.Package) error {
	var all []*packages.Package
	packages.Visit(pkgs, nil, func(p *packages.Package) { all = append(all, p) })
	done := make(map[*packages.Package]chan struct{}, len(all))
	for _, p := range all {
		done[p] = make(chan struct{})
	}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for _, p := range all {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(done[p])
			for _, dep := range p.Imports {
				<-done[dep]
			}
			if ctx.Err() != nil {
				return
			}
			sem <- struct{}{}
			defer func() { <-sem }()
			c.check(p)
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// check type-checks one package whose imports are checked, and analyzes it
// if it is a dependency that may export facts.
func (c *loadChecker) check(p *packages.Package) {
	p.Fset = c.fset
	if p.PkgPath == "unsafe" {
		p.Types = types.Unsafe
		return
	}
	files, parseErrs := parseFiles(c.fset, p.CompiledGoFiles, nil, c.read)
	root := c.isRoot[p]

	c.mu.Lock()
	var deps []vetgate.Dep
	importMap := make(map[string]string, len(p.Imports))
	withFacts := false
	for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
		dep := p.Imports[path]
		importMap[path] = dep.PkgPath
		// Facts are visible through importers (a method of another
		// package's type promoted through a dependency's struct): in a vet
		// unit, a dependency's facts include its dependencies'.
		deps = append(deps, vetgate.Dep{Path: dep.PkgPath, HasFacts: c.withFacts[dep], Skipped: c.skipped[dep], Types: dep.Types})
		withFacts = withFacts || c.withFacts[dep]
	}
	c.mu.Unlock()

	full := root || !c.gate
	if !full {
		skip, _ := vetgate.Skippable(files, importMap, deps)
		full = !skip
	}
	tpkg, info, typeErrs := typeCheck(c.fset, p, files, p.Imports, full)
	setChecked(p, files, tpkg, info, typeErrs, parseErrs)
	if !full {
		p.Syntax = nil // nothing reads it: its importers need its types only
		c.mu.Lock()
		c.skipped[p] = true
		c.withFacts[p] = withFacts
		c.mu.Unlock()
		return
	}
	if root {
		c.onRoot(p)
	} else {
		if len(c.factOrder) > 0 {
			c.d.analyzeFacts(p, c.factOrder) // diagnostics in dependencies are not shown
		}
		p.Syntax, p.TypesInfo = nil, nil // its facts are computed
	}
	withFacts = withFacts || c.d.facts.has(p.Types)
	c.mu.Lock()
	c.withFacts[p] = withFacts
	if !root {
		c.analyzed++
	}
	c.mu.Unlock()
}

// parseFiles parses the named files, taking the content of those in
// contents from there and of the others from read. A file that cannot be
// read or parsed at all is left out, with an error.
func parseFiles(fset *token.FileSet, names []string, contents map[string][]byte, read func(string) ([]byte, error)) ([]*ast.File, []packages.Error) {
	var files []*ast.File
	var errs []packages.Error
	for _, name := range names {
		src, ok := contents[name]
		if !ok {
			var err error
			if src, err = read(name); err != nil {
				errs = append(errs, packages.Error{Pos: name, Msg: err.Error(), Kind: packages.ParseError})
				continue
			}
		}
		f, err := parser.ParseFile(fset, name, src, parseMode)
		var list scanner.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				errs = append(errs, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		} else if err != nil {
			errs = append(errs, packages.Error{Pos: name, Msg: err.Error(), Kind: packages.ParseError})
		}
		if f != nil {
			files = append(files, f)
		}
	}
	return files, errs
}

// setChecked stores in p the result of type-checking it, and its errors,
// as go/packages would have.
func setChecked(p *packages.Package, files []*ast.File, tpkg *types.Package, info *types.Info, typeErrs []types.Error, parseErrs []packages.Error) {
	p.Syntax, p.Types, p.TypesInfo, p.TypeErrors = files, tpkg, info, typeErrs
	p.Errors = slices.DeleteFunc(p.Errors, func(e packages.Error) bool {
		return e.Kind == packages.ParseError || e.Kind == packages.TypeError
	})
	p.Errors = append(p.Errors, parseErrs...)
	for _, te := range typeErrs {
		p.Errors = append(p.Errors, packages.Error{Pos: te.Fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
	}
	p.IllTyped = len(p.Errors) > 0 || slices.ContainsFunc(slices.Collect(maps.Values(p.Imports)), func(dep *packages.Package) bool { return dep.IllTyped })
}
