package cache

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/weaklint/weaklint/lsp/textpos"
)

// A view is one module (or a directory outside any module) and the packages
// of its open files.
//
// A load lists the packages of the open files and their dependencies
// (go list through go/packages, with the editor's buffers as overlays),
// then type-checks them from source, dependencies first: the analyzers that
// export facts run on the dependencies that may export some, all analyzers
// on the open packages, and only the open packages keep their syntax
// (load.go). After an edit, only the edited package (and the open packages
// that import it) is parsed, type-checked and analyzed again, against the
// loaded dependencies and their facts; the importers are not, if the new
// version looks the same to them (shape.go). A new load happens when that is not enough: a new open file, a
// changed import list, an edit to a package another open package imports,
// a file changed on disk outside the open packages, other analyzers.
type view struct {
	dir     string
	session *Session

	mu          sync.Mutex // serializes diagnose and guards the fields below
	loaded      bool
	needsLoad   bool
	analyzers   []*analysis.Analyzer // the set the facts were computed for
	config      string               // and the analyzers' flags (Snapshot.Config)
	fset        *token.FileSet
	facts       *factStore
	roots       map[string]*root             // by package ID
	fileRoot    map[string]*root             // open file name -> package whose diagnostics it shows
	loadedFiles map[string]bool              // every file of every loaded package
	unplaced    map[string]string            // open files in no package (build constraints, ...) -> their header then
	unplacedWhy map[string]string            // and why they are in none
	stamps      map[string]*stamp            // what the last load read from disk (see disk.go)
	filePkg     map[string]*packages.Package // every compiled file of every loaded package -> its package (see adopt)
	gate        *gatekeeper                  // which packages the analyzers skip (load.go)
	rechecks    int                          // since the last load
}

// maxRechecks bounds the re-checks between two loads: each re-parse adds a
// file to the view's token.FileSet, which only a load starts afresh.
const maxRechecks = 2000

// A root is an open package: the package of at least one open file.
type root struct {
	pkg      *packages.Package
	contents map[string][]byte       // content of each compiled file at the last check
	diags    map[string][]Diagnostic // by file name
	notes    map[string][]string     // by file name: why parts of it were not analyzed
	fresh    bool                    // opened by adopt and not analyzed with every analyzer yet
	memo     []*version              // the last versions of the package, latest first (memo.go)
	// lastGood is, by file name then analyzer name, what the analyzer last
	// found in the file when it ran and the file had no errors: shown
	// while the analyzer fails on the package, if the file is unchanged.
	lastGood map[string]map[string]goodResult
}

type goodResult struct {
	content []byte
	diags   []Diagnostic
}

// rootResult is the outcome of analyzing an open package, applied to its
// root only if the whole update succeeds.
type rootResult struct {
	diags    map[string][]Diagnostic
	notes    map[string][]string
	lastGood map[string]map[string]goodResult
}

func (r *root) apply(res rootResult) {
	r.diags, r.notes, r.lastGood = res.diags, res.notes, res.lastGood
}

func newView(dir string, s *Session) *view {
	return &view{dir: dir, session: s}
}

func (v *view) invalidate(name string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if !v.loaded {
		return
	}
	base := filepath.Base(name)
	if base == "go.mod" || base == "go.sum" || base == "go.work" {
		if strings.HasPrefix(name, v.dir+string(filepath.Separator)) {
			v.needsLoad = true
		}
		return
	}
	// The open packages' files are compared by content at every diagnose;
	// any other file of the view's packages, or a new one, needs a load.
	for _, r := range v.roots {
		if _, ok := r.contents[name]; ok {
			return
		}
	}
	if v.loadedFiles[name] || strings.HasPrefix(name, v.dir+string(filepath.Separator)) && strings.HasSuffix(name, ".go") {
		v.needsLoad = true
		return
	}
	// A directory (deleted, renamed, checked out) in one event.
	prefix := name + string(filepath.Separator)
	for f := range v.loadedFiles {
		if strings.HasPrefix(f, prefix) {
			v.needsLoad = true
			return
		}
	}
}

// diagnose returns the diagnostics of the given open files of the view.
func (v *view) diagnose(ctx context.Context, files []string, snap Snapshot) (map[string]FileDiagnostics, error) {
	v.mu.Lock()
	defer v.mu.Unlock()

	read := func(name string) ([]byte, error) {
		if o, ok := snap.Overlays[name]; ok {
			return o.Content, nil
		}
		return os.ReadFile(name)
	}
	if v.loaded && !v.needsLoad {
		if name := changedOnDisk(v.stamps, snap.Overlays); name != "" {
			v.session.Logf("%s changed on disk: loading %s again", name, v.dir)
			v.needsLoad = true
		}
	}
	if v.mustLoad(files, snap) {
		if err := v.load(ctx, files, snap, read); err != nil {
			return nil, err
		}
	} else if err := v.adopt(files); err != nil {
		return nil, err
	} else if err := v.update(ctx, read); err == errNeedsLoad {
		if err := v.load(ctx, files, snap, read); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	}

	out := make(map[string]FileDiagnostics, len(files))
	for _, name := range files {
		fd := FileDiagnostics{Version: snap.Overlays[name].Version}
		if r := v.fileRoot[name]; r != nil {
			fd.Diagnostics, fd.Notes = r.diags[name], r.notes[name]
		} else if why := v.unplacedWhy[name]; why != "" {
			fd.Notes = []string{why}
		}
		out[name] = fd
	}
	return out, nil
}

func (v *view) mustLoad(files []string, snap Snapshot) bool {
	if !v.loaded || v.needsLoad || v.rechecks > maxRechecks || !slices.Equal(snap.Analyzers, v.analyzers) || snap.Config != v.config {
		return true
	}
	for _, name := range files {
		if _, ok := v.fileRoot[name]; ok {
			continue
		}
		if v.filePkg[name] != nil {
			continue // a file of a loaded package: see adopt
		}
		// A file in no package is loaded again only when what decides its
		// package (build constraints, package clause) changes, not at
		// every keystroke.
		if header, ok := v.unplaced[name]; !ok || header != fileHeader(snap.Overlays[name].Content) {
			return true
		}
	}
	return false
}

// fileHeader returns the start of a Go file up to its package clause: what
// decides whether and where go list puts it.
func fileHeader(content []byte) string {
	for i := 0; i < len(content); {
		end := bytes.IndexByte(content[i:], '\n')
		if end < 0 {
			break
		}
		if bytes.HasPrefix(content[i:], []byte("package ")) {
			return string(content[:i+end])
		}
		i += end + 1
	}
	return string(content)
}

// adopt makes the packages of newly opened files open packages, if they
// were loaded already (as dependencies of the open ones, or as other
// variants): opening a second file of a loaded package, or a file of a
// package it imports, costs the analysis of one package (and a re-check if
// the editor's content differs from the disk's), not a load.
func (v *view) adopt(files []string) error {
	for _, name := range files {
		if _, ok := v.fileRoot[name]; ok {
			continue
		}
		p := v.filePkg[name]
		if p == nil {
			continue // in no package: mustLoad decided
		}
		r := v.roots[p.ID]
		if r == nil {
			// The package was checked with the files on disk: the
			// content of the new file, if it differs, is an edit.
			r = &root{pkg: p, contents: make(map[string][]byte), fresh: true}
			for _, f := range p.CompiledGoFiles {
				content, err := os.ReadFile(f)
				if err != nil {
					return errNeedsLoad
				}
				r.contents[f] = content
			}
			v.roots[p.ID] = r
			v.session.Logf("%s: package %s, loaded already, is now open", name, p.PkgPath)
		}
		v.fileRoot[name] = r
		delete(v.unplaced, name)
		delete(v.unplacedWhy, name)
	}
	return nil
}

// update re-checks the open packages whose files changed since they were
// last checked, and the loaded packages that import them (an open package
// importing another, through any chain), each against the new types of
// its imports. Nothing changes if it fails or ctx is cancelled. It returns
// errNeedsLoad if re-checking is not enough.
func (v *view) update(ctx context.Context, read func(string) ([]byte, error)) error {
	edited := make(map[*packages.Package]map[string][]byte) // new contents of changed files, by package
	rootOf := make(map[*packages.Package]*root)
	for _, r := range v.roots {
		rootOf[r.pkg] = r
		// A dependency opened by adopt kept no syntax (load.go): all its
		// files are parsed again, as if edited.
		reparse := len(r.pkg.Syntax) == 0 && len(r.pkg.CompiledGoFiles) > 0
		for name, old := range r.contents {
			cur, err := read(name)
			if err != nil {
				return errNeedsLoad // deleted or unreadable: let go list decide
			}
			if reparse || !bytes.Equal(cur, old) {
				if edited[r.pkg] == nil {
					edited[r.pkg] = make(map[string][]byte)
				}
				edited[r.pkg][name] = cur
			}
		}
	}
	d := &driver{facts: v.facts, readFile: read, logf: v.session.Logf}
	factOrder := factAnalyzers(v.analyzers)
	// Packages opened by adopt, unchanged: analyzed as they are (their
	// dependencies' facts are in the store, and re-exporting their own
	// facts on the same types changes nothing).
	for _, r := range v.roots {
		if r.fresh && edited[r.pkg] == nil {
			if err := ctx.Err(); err != nil {
				return err
			}
			r.apply(v.analyzeRoot(d, v.fset, r, r.pkg, v.analyzers, read, r.contents))
			r.fresh = false
		}
	}
	if len(edited) == 0 {
		return nil
	}

	replaced := make(map[*packages.Package]*packages.Package)
	// Edited packages whose new version looks the same to importers
	// (shape.go): the importers not re-checked for other reasons keep the
	// old version's types, and its facts.
	same := make(map[*packages.Package]*packages.Package)
	var rewire []func() // points the importers kept at the new versions, on success
	abort := func(err error) error {
		for _, m := range []map[*packages.Package]*packages.Package{replaced, same} {
			for _, p := range m {
				v.facts.forget(p.Types)
				v.gate.forget(p)
			}
		}
		return err
	}
	// settle records np as the new version of p, and whether p's importers
	// need a re-check.
	// Comparing two versions costs a few milliseconds for a large package
	// (exportShape of go/types: 1.9 ms, net/http 1.1 ms): only done for
	// packages another one imports.
	imported := make(map[*packages.Package]bool)
	packages.Visit(v.rootPackages(), nil, func(p *packages.Package) {
		for _, dep := range p.Imports {
			imported[dep] = true
		}
	})
	settle := func(p, np *packages.Package, depChanged bool) {
		if imported[p] && !depChanged && sameForImporters(v.facts, p, np, v.gate.wasSkipped(p), np.TypesInfo == nil) {
			same[p] = np
			v.session.Stats.SameForImporters.Add(1)
			return
		}
		replaced[p] = np
	}
	results := make(map[*root]rootResult)
	var err error
	packages.Visit(v.rootPackages(), nil, func(p *packages.Package) { // dependencies first
		contents, isEdited := edited[p]
		var imports map[string]*packages.Package // nil: the same as p's
		depChanged := false
		for path, dep := range p.Imports {
			np, ok := replaced[dep]
			if ok {
				depChanged = true
			} else {
				np, ok = same[dep]
			}
			if ok {
				if imports == nil {
					imports = maps.Clone(p.Imports)
				}
				imports[path] = np
			}
		}
		if err != nil {
			return
		}
		if !isEdited && !depChanged {
			if imports != nil {
				p, imports := p, imports
				rewire = append(rewire, func() { p.Imports = imports })
			}
			return
		}
		if imports == nil {
			imports = p.Imports
		}
		if err = ctx.Err(); err != nil {
			return
		}
		var np *packages.Package
		r := rootOf[p]
		var full map[string][]byte // the contents of every file of an open package
		if r != nil {
			full = maps.Clone(r.contents)
			maps.Copy(full, contents)
			if ver := r.recall(full, imports); ver != nil {
				np = ver.pkg
				for _, f := range ver.facts {
					d.facts.put(f.key, f.fact)
				}
				settle(p, np, depChanged)
				results[r] = v.finishVersion(v.fset, r, np, ver.reports, ver.failed, v.analyzers, read)
				v.gate.done(np, np.TypesInfo == nil)
				v.session.Stats.Reused.Add(1)
				return
			}
		}
		skip := func(files []*ast.File, parseErrs bool) bool {
			return v.gate.skip(files, imports, r != nil, parseErrs)
		}
		if np, err = recheck(v.fset, p, contents, imports, read, skip); err != nil {
			return
		}
		v.rechecks++
		v.session.Stats.Rechecks.Add(1)
		skipped := np.TypesInfo == nil
		if r != nil {
			results[r] = v.analyzeRoot(d, v.fset, r, np, v.analyzers, read, full)
		} else {
			if skipped {
				d.nilSafeFacts(np, factOrder)
			} else if len(factOrder) > 0 {
				d.analyzeFacts(np, factOrder) // its importers need its new facts
			}
			np.Syntax, np.TypesInfo = nil, nil // as after a load (load.go)
		}
		settle(p, np, depChanged)
		v.gate.done(np, skipped)
	})
	if err != nil {
		return abort(err)
	}

	for old := range replaced {
		v.facts.forget(old.Types)
		v.gate.forget(old)
	}
	// The facts of a version the importers kept stay until the next load
	// (bounded by maxRechecks): those importers' types refer to its objects,
	// and so may the versions of them memo.go keeps.
	for old := range same {
		v.gate.forget(old)
	}
	for _, f := range rewire {
		f()
	}
	for _, r := range v.roots {
		np, ok := replaced[r.pkg]
		if !ok {
			np, ok = same[r.pkg]
		}
		if ok {
			for name, content := range edited[r.pkg] {
				r.contents[name] = content
			}
			r.pkg = np
			r.apply(results[r])
			r.fresh = false
		}
	}
	return nil
}

// rootPackages returns the open packages, in a stable order.
func (v *view) rootPackages() []*packages.Package {
	var pkgs []*packages.Package
	for _, r := range v.roots {
		pkgs = append(pkgs, r.pkg)
	}
	slices.SortFunc(pkgs, func(a, b *packages.Package) int { return strings.Compare(a.ID, b.ID) })
	return pkgs
}

// load loads the packages of the open files and their dependencies, and
// analyzes them all. It replaces the view's state only if it succeeds.
func (v *view) load(ctx context.Context, files []string, snap Snapshot, read func(string) ([]byte, error)) error {
	overlay := make(map[string][]byte, len(snap.Overlays))
	for name, o := range snap.Overlays {
		overlay[name] = o.Content
	}
	patterns := make([]string, len(files))
	for i, name := range files {
		patterns[i] = "file=" + name
	}
	loadCtx := snap.LoadContext
	if loadCtx == nil {
		loadCtx = context.WithoutCancel(ctx)
	}
	fset := token.NewFileSet()
	cfg := &packages.Config{
		// go list only: the packages are parsed and type-checked by a
		// loadChecker, which keeps the syntax of the open ones only.
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedDeps | packages.NeedTypesSizes | packages.NeedModule,
		Context: loadCtx, // see Session.Diagnose
		Dir:     v.dir,
		// Test variants (and the testing package's dependencies) only if a
		// test file is open: they can double the packages to load.
		Tests:   slices.ContainsFunc(files, func(name string) bool { return strings.HasSuffix(name, "_test.go") }),
		Overlay: overlay,
		Fset:    fset,
	}
	v.session.Stats.Loads.Add(1)
	v.session.Logf("%s: loading the packages of %d open files", v.dir, len(files))
	start := time.Now()
	pkgs, err := packages.Load(cfg, patterns...)
	if err == nil && loadCtx.Err() != nil {
		err = loadCtx.Err() // go list may have been killed mid-way
	}
	if err != nil {
		if loadCtx.Err() != nil {
			v.session.Stats.CancelledLoads.Add(1)
			v.session.Logf("%s: load cancelled after %v", v.dir, time.Since(start).Round(time.Millisecond))
			return fmt.Errorf("load cancelled after %v: the open files, settings or files on disk changed", time.Since(start).Round(time.Millisecond))
		}
		return fmt.Errorf("loading packages: %v", err)
	}
	loaded := time.Now()

	// Choose the package whose diagnostics each open file shows: the
	// package itself rather than its test variant, so that a file's
	// diagnostics are computed once.
	var all []*packages.Package
	packages.Visit(pkgs, nil, func(p *packages.Package) { all = append(all, p) })
	roots := make(map[string]*root)
	fileRoot := make(map[string]*root)
	unplaced := make(map[string]string)
	unplacedWhy := make(map[string]string)
	loadedFiles := make(map[string]bool)
	for _, p := range all {
		for _, name := range p.CompiledGoFiles {
			loadedFiles[name] = true
		}
		for _, name := range p.GoFiles {
			loadedFiles[name] = true
		}
	}
	for _, name := range files {
		var best *packages.Package
		for _, p := range all {
			if strings.HasSuffix(p.ID, ".test") || !slices.Contains(p.CompiledGoFiles, name) {
				continue
			}
			if best == nil || better(p, best) {
				best = p
			}
		}
		if best == nil {
			why := "not analyzed: in no package that can be analyzed"
			for _, p := range pkgs {
				for _, e := range p.Errors {
					why += "; " + e.Error()
				}
			}
			v.session.Logf("%s: %s", name, why)
			unplaced[name] = fileHeader(snap.Overlays[name].Content)
			unplacedWhy[name] = why
			continue
		}
		r, ok := roots[best.ID]
		if !ok {
			r = &root{pkg: best, contents: make(map[string][]byte)}
			if old := v.roots[best.ID]; old != nil {
				r.lastGood = old.lastGood
			}
			for _, f := range best.CompiledGoFiles {
				if content, err := read(f); err == nil {
					r.contents[f] = content
				}
			}
			roots[best.ID] = r
		}
		fileRoot[name] = r
	}

	stamps := diskStamps(v.dir, all, roots, start)

	// In dependency order, so that every package sees its imports' facts:
	// the fact-exporting analyzers on the dependencies that may export
	// facts, all analyzers on the open packages.
	facts := newFactStore()
	d := &driver{facts: facts, readFile: read, logf: v.session.Logf}
	isRoot := make(map[*packages.Package]bool)
	for _, r := range roots {
		isRoot[r.pkg] = true
	}
	gate := newGatekeeper(snap.Analyzers, snap.Config, facts)
	c := newLoadChecker(fset, read, d, snap.Analyzers, gate, isRoot, func(p *packages.Package) {
		r := roots[p.ID]
		r.apply(v.analyzeRoot(d, fset, r, p, snap.Analyzers, read, r.contents))
	})
	if err := c.run(loadCtx, pkgs); err != nil {
		v.session.Stats.CancelledLoads.Add(1)
		v.session.Logf("%s: load cancelled after %v", v.dir, time.Since(start).Round(time.Millisecond))
		return fmt.Errorf("load cancelled after %v: the open files, settings or files on disk changed", time.Since(start).Round(time.Millisecond))
	}
	v.session.Stats.Skipped.Add(int64(c.skipped))
	v.session.Stats.FactsAnalyzed.Add(int64(c.analyzed))
	v.gate = gate
	v.session.Logf("%s: listed %d packages in %v, checked and analyzed them in %v (%d dependencies type-checked without bodies and not analyzed: they cannot matter to the analyzers; %d analyzed for their facts)",
		v.dir, len(all), loaded.Sub(start).Round(time.Millisecond), time.Since(loaded).Round(time.Millisecond), c.skipped, c.analyzed)
	v.fset, v.facts, v.roots, v.fileRoot, v.loadedFiles, v.unplaced, v.unplacedWhy = fset, facts, roots, fileRoot, loadedFiles, unplaced, unplacedWhy
	v.stamps = stamps
	v.filePkg = make(map[string]*packages.Package)
	for _, p := range all {
		if strings.HasSuffix(p.ID, ".test") {
			continue
		}
		for _, name := range p.CompiledGoFiles {
			if q := v.filePkg[name]; q == nil || better(p, q) {
				v.filePkg[name] = p
			}
		}
	}
	v.analyzers, v.config = slices.Clone(snap.Analyzers), snap.Config
	v.loaded, v.needsLoad, v.rechecks = true, false, 0
	return nil
}

// better reports whether p is a better package than q to show the
// diagnostics of a file both contain: the non-test variant, else the
// smaller package.
func better(p, q *packages.Package) bool {
	if (p.ForTest == "") != (q.ForTest == "") {
		return p.ForTest == ""
	}
	return len(p.CompiledGoFiles) < len(q.CompiledGoFiles)
}

// convert turns what the analyzers reported into diagnostics by file, with
// positions in UTF-16 columns of the contents they were computed on.
func (v *view) convert(fset *token.FileSet, syntax []*ast.File, reports []found, read func(string) ([]byte, error)) map[string][]Diagnostic {
	mappers := make(map[string]*textpos.Mapper)
	locate := func(pos, end token.Pos) (string, textpos.Range, bool) {
		if !pos.IsValid() {
			return "", textpos.Range{}, false
		}
		tf := fset.File(pos)
		if tf == nil {
			return "", textpos.Range{}, false
		}
		name := tf.Name()
		m, ok := mappers[name]
		if !ok {
			content, err := read(name)
			if err != nil {
				return "", textpos.Range{}, false
			}
			m = textpos.NewMapper(content)
			mappers[name] = m
		}
		start := tf.Offset(pos)
		stop := start
		if end.IsValid() && fset.File(end) == tf {
			stop = tf.Offset(end)
		}
		return name, m.Range(start, stop), true
	}

	out := make(map[string][]Diagnostic)
	for _, f := range reports {
		end := f.diag.End
		if !end.IsValid() || end == f.diag.Pos {
			end = exprEnd(syntax, f.diag.Pos)
		}
		name, rng, ok := locate(f.diag.Pos, end)
		if !ok {
			v.session.Logf("%s: diagnostic without a valid position: %s", f.analyzer.Name, f.diag.Message)
			continue
		}
		diag := Diagnostic{
			Range:    rng,
			Analyzer: f.analyzer.Name,
			URL:      diagnosticURL(f.analyzer, f.diag),
			Message:  f.diag.Message,
		}
	fixes:
		for _, sf := range f.diag.SuggestedFixes {
			fix := Fix{Message: sf.Message, Edits: make(map[string][]Edit)}
			for _, e := range sf.TextEdits {
				file, rng, ok := locate(e.Pos, e.End)
				if !ok {
					continue fixes // a fix applied in part would break the code
				}
				fix.Edits[file] = append(fix.Edits[file], Edit{Range: rng, NewText: string(e.NewText)})
			}
			diag.Fixes = append(diag.Fixes, fix)
		}
		out[name] = append(out[name], diag)
	}
	for _, diags := range out {
		sortDiagnostics(diags)
	}
	return out
}

func sortDiagnostics(diags []Diagnostic) {
	slices.SortStableFunc(diags, func(a, b Diagnostic) int {
		if c := comparePos(a.Range.Start, b.Range.Start); c != 0 {
			return c
		}
		return strings.Compare(a.Analyzer, b.Analyzer)
	})
}

func comparePos(a, b textpos.Position) int {
	if a.Line != b.Line {
		return int(a.Line) - int(b.Line)
	}
	return int(a.Character) - int(b.Character)
}
