package cache

import (
	"fmt"
	"go/ast"
	"go/types"
	"net/url"
	"reflect"
	"runtime/debug"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// This file is the analysis driver: it runs analyzers on one type-checked
// package at a time, taking facts about the package's dependencies from a
// factStore that outlives a single run. That store is what lets an edit
// re-analyze only the edited package: the facts of its dependencies were
// computed once, when the view was loaded, and stay valid as long as the
// dependencies' types do (the same *types.Package values are reused when the
// edited package is type-checked again).
//
// Unlike golang.org/x/tools/go/analysis/checker, every analyzer runs in the
// caller's goroutine and a panic in one is recovered and logged: a bug in an
// analyzer must cost its diagnostics, not the editor's language server.

// factKey identifies one fact: of an analyzer, about an object or a package,
// of a fact type.
type factKey struct {
	analyzer *analysis.Analyzer
	obj      types.Object   // nil for a package fact
	pkg      *types.Package // the package the fact is about, or that declares obj
	typ      reflect.Type
}

// factStore holds every fact exported by the packages of one view. A load
// analyzes several packages at a time (load.go): the store is shared.
type factStore struct {
	mu    sync.RWMutex
	facts map[factKey]analysis.Fact
	byPkg map[*types.Package][]factKey // for forgetting a package's facts when it is re-checked
}

func newFactStore() *factStore {
	return &factStore{facts: make(map[factKey]analysis.Fact), byPkg: make(map[*types.Package][]factKey)}
}

func (s *factStore) put(k factKey, f analysis.Fact) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.putLocked(k, f)
}

func (s *factStore) putLocked(k factKey, f analysis.Fact) {
	if _, ok := s.facts[k]; !ok {
		s.byPkg[k.pkg] = append(s.byPkg[k.pkg], k)
	}
	s.facts[k] = f
}

// forget drops the facts exported by pkg (about its objects or itself).
func (s *factStore) forget(pkg *types.Package) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range s.byPkg[pkg] {
		delete(s.facts, k)
	}
	delete(s.byPkg, pkg)
}

func (s *factStore) get(k factKey) (analysis.Fact, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, ok := s.facts[k]
	return f, ok
}

// hasRelevant reports whether a fact of a type not in inert was exported
// about pkg or its objects.
func (s *factStore) hasRelevant(pkg *types.Package, inert map[reflect.Type]bool) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, k := range s.byPkg[pkg] {
		if !inert[k.typ] {
			return true
		}
	}
	return false
}

// all calls f for each fact of analyzer a, with the store locked.
func (s *factStore) all(a *analysis.Analyzer, f func(factKey, analysis.Fact)) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for k, fact := range s.facts {
		if k.analyzer == a {
			f(k, fact)
		}
	}
}

// found is one diagnostic reported by an analyzer.
type found struct {
	analyzer *analysis.Analyzer
	diag     analysis.Diagnostic
}

// driver runs analyzers on packages of one view.
type driver struct {
	facts    *factStore
	readFile func(name string) ([]byte, error) // sees the editor's buffers
	logf     func(format string, args ...any)
}

// withRequires returns analyzers and everything they require, each after
// its requirements.
func withRequires(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var order []*analysis.Analyzer
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			visit(req)
		}
		order = append(order, a)
	}
	for _, a := range analyzers {
		visit(a)
	}
	return order
}

// factAnalyzers returns the analyzers that must run on dependencies, with
// their requirements: those that export facts.
func factAnalyzers(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	return withRequires(withFactTypes(withRequires(analyzers)))
}

// analyze runs the analyzers (ordered by withRequires) on pkg and returns
// what they report, keeping the facts they export in d.facts, and the
// analyzers that failed, with why. Analyzers run even if the package has
// errors (see errors.go): a panic costs the analyzer, not the server.
func (d *driver) analyze(pkg *packages.Package, ordered []*analysis.Analyzer) ([]found, map[*analysis.Analyzer]error) {
	var reports []found
	results := make(map[*analysis.Analyzer]any)
	failed := make(map[*analysis.Analyzer]error)
	module := &analysis.Module{}
	if m := pkg.Module; m != nil {
		module = &analysis.Module{Path: m.Path, Version: m.Version, GoVersion: m.GoVersion}
	}
	files := sameNamedFiles(pkg)
	for _, a := range ordered {
		if pkg.Types == nil {
			failed[a] = fmt.Errorf("package %s has no type information", pkg.ID)
			continue
		}
		if i := slices.IndexFunc(a.Requires, func(r *analysis.Analyzer) bool { return failed[r] != nil }); i >= 0 {
			failed[a] = fmt.Errorf("it requires %s, which failed: %v", a.Requires[i].Name, failed[a.Requires[i]])
			continue
		}
		inputs := make(map[*analysis.Analyzer]any, len(a.Requires))
		for _, r := range a.Requires {
			inputs[r] = results[r]
		}
		var diags []analysis.Diagnostic
		pass := &analysis.Pass{
			Analyzer:     a,
			Fset:         pkg.Fset,
			Files:        files,
			OtherFiles:   pkg.OtherFiles,
			IgnoredFiles: pkg.IgnoredFiles,
			Pkg:          pkg.Types,
			TypesInfo:    pkg.TypesInfo,
			TypesSizes:   pkg.TypesSizes,
			TypeErrors:   pkg.TypeErrors,
			Module:       module,
			ResultOf:     inputs,
			Report:       func(diag analysis.Diagnostic) { diags = append(diags, diag) },
			ReadFile:     d.packageReadFile(pkg),
		}
		d.bindFacts(pass)
		result, err := d.run(pass)
		pass.ExportObjectFact, pass.ExportPackageFact = nil, nil
		if err == nil && reflect.TypeOf(result) != a.ResultType {
			err = fmt.Errorf("analyzer returned a result of type %T, but declared ResultType %v", result, a.ResultType)
		}
		if err != nil {
			d.logf("analyzer %s on %s: %v", a.Name, pkg.ID, err)
			failed[a] = err
			continue
		}
		results[a] = result
		for _, diag := range diags {
			reports = append(reports, found{a, diag})
		}
	}
	return reports, failed
}

// run calls the analyzer, turning a panic into an error.
func (d *driver) run(pass *analysis.Pass) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			d.logf("analyzer %s on %s: panic: %v\n%s", pass.Analyzer.Name, pass.Pkg.Path(), r, debug.Stack())
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return pass.Analyzer.Run(pass)
}

func (d *driver) bindFacts(pass *analysis.Pass) {
	a, store := pass.Analyzer, d.facts
	pass.ImportObjectFact = func(obj types.Object, ptr analysis.Fact) bool {
		if obj == nil {
			return false
		}
		f, ok := store.get(factKey{a, obj, obj.Pkg(), reflect.TypeOf(ptr)})
		if ok {
			reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(f).Elem())
		}
		return ok
	}
	pass.ImportPackageFact = func(pkg *types.Package, ptr analysis.Fact) bool {
		f, ok := store.get(factKey{a, nil, pkg, reflect.TypeOf(ptr)})
		if ok {
			reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(f).Elem())
		}
		return ok
	}
	pass.ExportObjectFact = func(obj types.Object, f analysis.Fact) {
		if obj == nil || obj.Pkg() != pass.Pkg {
			d.logf("analyzer %s on %s: fact %T exported about %v, an object of another package (ignored)", a.Name, pass.Pkg.Path(), f, obj)
			return
		}
		store.put(factKey{a, obj, pass.Pkg, reflect.TypeOf(f)}, f)
	}
	pass.ExportPackageFact = func(f analysis.Fact) {
		store.put(factKey{a, nil, pass.Pkg, reflect.TypeOf(f)}, f)
	}
	pass.AllObjectFacts = func() []analysis.ObjectFact {
		var all []analysis.ObjectFact
		store.all(a, func(k factKey, f analysis.Fact) {
			if k.obj != nil {
				all = append(all, analysis.ObjectFact{Object: k.obj, Fact: f})
			}
		})
		return all
	}
	pass.AllPackageFacts = func() []analysis.PackageFact {
		var all []analysis.PackageFact
		store.all(a, func(k factKey, f analysis.Fact) {
			if k.obj == nil {
				all = append(all, analysis.PackageFact{Package: k.pkg, Fact: f})
			}
		})
		return all
	}
}

// packageReadFile returns Pass.ReadFile for pkg: the package's own files,
// with the editor's unsaved contents.
func (d *driver) packageReadFile(pkg *packages.Package) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if !slices.Contains(pkg.CompiledGoFiles, name) && !slices.Contains(pkg.GoFiles, name) &&
			!slices.Contains(pkg.OtherFiles, name) && !slices.Contains(pkg.IgnoredFiles, name) && !slices.Contains(pkg.EmbedFiles, name) {
			return nil, fmt.Errorf("Pass.ReadFile: %s is not among the package's files", name)
		}
		return d.readFile(name)
	}
}

// diagnosticURL is the documentation link of a diagnostic, as the checker
// driver computes it: the diagnostic's URL, else its category as a fragment
// of the analyzer's URL, else the analyzer's URL.
func diagnosticURL(a *analysis.Analyzer, d analysis.Diagnostic) string {
	if a.URL == "" {
		return d.URL
	}
	raw := d.URL
	if raw == "" && d.Category != "" {
		raw = "#" + d.Category
	}
	base, err := url.Parse(a.URL)
	if err != nil {
		return d.URL
	}
	ref, err := url.Parse(raw)
	if err != nil {
		return a.URL
	}
	return base.ResolveReference(ref).String()
}

// sameNamedFiles returns the package's files whose package clause names the
// package: the type checker leaves out a file that names another (a new
// buffer, pasted code), so it has no type information for analyzers (SSA
// of its declarations panics); it is reported by its type error instead.
func sameNamedFiles(pkg *packages.Package) []*ast.File {
	if pkg.Types == nil {
		return pkg.Syntax
	}
	named := func(f *ast.File) bool { return f == nil || f.Name == nil || f.Name.Name == pkg.Types.Name() }
	if !slices.ContainsFunc(pkg.Syntax, func(f *ast.File) bool { return !named(f) }) {
		return pkg.Syntax
	}
	var files []*ast.File
	for _, f := range pkg.Syntax {
		if named(f) {
			files = append(files, f)
		}
	}
	return files
}
