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
	"reflect"
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

// A gatekeeper decides, with the vet gate's rule, which packages of a view
// the analyzers can skip, and remembers what it decided and which packages
// have facts (theirs or their dependencies') for their importers' turn.
type gatekeeper struct {
	usable bool // the analyzers keep the gate's promises (vetgate.Usable)
	facts  *factStore
	inert  map[reflect.Type]bool // fact types that do not make a package matter (nilsafe.go)

	mu        sync.Mutex
	skipped   map[*packages.Package]bool
	withFacts map[*packages.Package]bool // it or a dependency exported facts
}

func newGatekeeper(analyzers []*analysis.Analyzer, config string, facts *factStore) *gatekeeper {
	return &gatekeeper{
		usable:    vetgate.Usable(analyzers, vetgate.FlagsOf(config)) == "",
		facts:     facts,
		inert:     inertFactTypes(analyzers),
		skipped:   make(map[*packages.Package]bool),
		withFacts: make(map[*packages.Package]bool),
	}
}

// skip reports whether a package with the given files and imports (whose
// facts are computed), can be type-checked without its function bodies and
// not analyzed. An open package (shown) whose files do not parse is
// analyzed: what the parser made of them may have lost what makes it
// matter, and the analysis keeps the last good findings.
func (g *gatekeeper) skip(files []*ast.File, imports map[string]*packages.Package, shown, parseErrs bool) bool {
	if !g.usable || shown && parseErrs {
		return false
	}
	var deps []vetgate.Dep
	importMap := make(map[string]string, len(imports))
	for _, path := range slices.Sorted(maps.Keys(imports)) {
		dep := imports[path]
		importMap[path] = dep.PkgPath
		// Facts are visible through importers (a method of another
		// package's type promoted through a dependency's struct): in a vet
		// unit, a dependency's facts include its dependencies'.
		deps = append(deps, vetgate.Dep{Path: dep.PkgPath, HasFacts: g.hasFacts(dep), Skipped: g.wasSkipped(dep), Types: dep.Types})
	}
	skip, _ := vetgate.Skippable(files, importMap, deps, shown)
	return skip
}

func (g *gatekeeper) wasSkipped(p *packages.Package) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.skipped[p]
}

// hasFacts reports whether p or one of its dependencies exported facts,
// but inert ones (analyzer.Gate.InertFacts), as the vet gate ignores them:
// those skipped packages export on their nil-safe methods would otherwise
// make the importers of runtime or of generated protobuf code matter.
func (g *gatekeeper) hasFacts(p *packages.Package) bool {
	g.mu.Lock()
	known, ok := g.withFacts[p]
	g.mu.Unlock()
	if ok {
		return known
	}
	has := g.facts.hasRelevant(p.Types, g.inert)
	for _, dep := range p.Imports {
		has = has || g.hasFacts(dep)
	}
	g.mu.Lock()
	g.withFacts[p] = has
	g.mu.Unlock()
	return has
}

// forget drops what was recorded about p, replaced by a new version.
func (g *gatekeeper) forget(p *packages.Package) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.skipped, p)
	delete(g.withFacts, p)
}

// done records that p was checked and, unless skipped, analyzed.
func (g *gatekeeper) done(p *packages.Package, skipped bool) {
	g.mu.Lock()
	g.skipped[p] = skipped
	delete(g.withFacts, p) // computed again, with p's own facts
	g.mu.Unlock()
	g.hasFacts(p)
}

// loadChecker type-checks and analyzes the packages of one load.
type loadChecker struct {
	fset      *token.FileSet
	read      func(string) ([]byte, error)
	d         *driver
	factOrder []*analysis.Analyzer
	gate      *gatekeeper
	isRoot    map[*packages.Package]bool
	onRoot    func(*packages.Package) // analyzes an open package, once its imports are analyzed

	mu       sync.Mutex
	skipped  int // dependencies skipped by the gate
	analyzed int // dependencies analyzed for their facts
}

func newLoadChecker(fset *token.FileSet, read func(string) ([]byte, error), d *driver, analyzers []*analysis.Analyzer, gate *gatekeeper, isRoot map[*packages.Package]bool, onRoot func(*packages.Package)) *loadChecker {
	return &loadChecker{
		fset:      fset,
		read:      read,
		d:         d,
		factOrder: factAnalyzers(analyzers),
		gate:      gate,
		isRoot:    isRoot,
		onRoot:    onRoot,
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
// if it may matter: an open package with every analyzer (onRoot), a
// dependency with those that export facts.
func (c *loadChecker) check(p *packages.Package) {
	p.Fset = c.fset
	if p.PkgPath == "unsafe" {
		p.Types = types.Unsafe
		c.gate.done(p, true)
		return
	}
	files, parseErrs := parseFiles(c.fset, p.CompiledGoFiles, nil, c.read)
	root := c.isRoot[p]
	skip := c.gate.skip(files, p.Imports, root, len(parseErrs) > 0)
	tpkg, info, typeErrs := typeCheck(c.fset, p, files, p.Imports, !skip)
	setChecked(p, files, tpkg, info, typeErrs, parseErrs)
	switch {
	case root:
		c.onRoot(p) // skipped: without type information, see analyzeRoot
	case skip:
		c.d.nilSafeFacts(p, c.factOrder)
		p.Syntax = nil // nothing else reads it: its importers need its types only
	default:
		if len(c.factOrder) > 0 {
			c.d.analyzeFacts(p, c.factOrder) // diagnostics in dependencies are not shown
		}
		p.Syntax, p.TypesInfo = nil, nil // its facts are computed
	}
	c.gate.done(p, skip)
	c.mu.Lock()
	if !root && skip {
		c.skipped++
	} else if !root {
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
