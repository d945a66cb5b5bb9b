package cache

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// This file re-type-checks one package after an edit, against the
// dependencies loaded earlier: no go list, no parsing or type-checking of
// anything but the package's own files.

// errNeedsLoad reports that an edit cannot be handled by re-checking the
// package alone (its imports changed, it uses cgo, ...): the view must be
// loaded again.
var errNeedsLoad = errors.New("the package's dependencies changed")

const parseMode = parser.AllErrors | parser.ParseComments | parser.SkipObjectResolution

// recheck returns a copy of pkg type-checked with the given contents of its
// files (by name; files absent from contents keep their syntax trees, or
// are read with read if pkg kept none: a dependency, see load.go) and
// the given imports (by import path, as pkg.Imports): pkg's own, whose
// facts stay valid, or new versions of some of them. If skip says so, given
// the files and whether they had syntax errors, the package is checked
// without its function bodies and its TypesInfo is nil: the analyzers
// skip it (load.go).
func recheck(fset *token.FileSet, pkg *packages.Package, contents map[string][]byte, imports map[string]*packages.Package, read func(string) ([]byte, error), skip func([]*ast.File, bool) bool) (*packages.Package, error) {
	if len(pkg.CompiledGoFiles) != len(pkg.GoFiles) {
		return nil, errNeedsLoad // cgo: the compiled files are generated from the edited ones
	}
	whole := len(pkg.Syntax) == 0 // its syntax was dropped
	if !whole && len(pkg.Syntax) != len(pkg.CompiledGoFiles) {
		return nil, errNeedsLoad
	}
	files := make([]*ast.File, len(pkg.CompiledGoFiles))
	copy(files, pkg.Syntax)
	parsed := make(map[string]bool)
	var parseErrs []packages.Error
	for i, name := range pkg.CompiledGoFiles {
		src, ok := contents[name]
		if !ok && !whole {
			continue
		}
		if !ok {
			var err error
			if src, err = read(name); err != nil {
				return nil, errNeedsLoad // deleted or unreadable: let go list decide
			}
		}
		parsed[name] = true
		f, err := parser.ParseFile(fset, name, src, parseMode)
		if f == nil {
			return nil, errNeedsLoad
		}
		var list scanner.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				parseErrs = append(parseErrs, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		}
		files[i] = f
	}
	// Every import must be one the loader resolved already.
	for _, f := range files {
		for _, spec := range f.Imports {
			path, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				continue // a syntax error, reported by the type checker
			}
			if _, ok := imports[path]; !ok || path == "C" {
				return nil, errNeedsLoad
			}
		}
	}

	full := !skip(files, len(parseErrs) > 0 || slices.ContainsFunc(pkg.Errors, func(e packages.Error) bool {
		return e.Kind == packages.ParseError && !parsed[errorFile(e.Pos)]
	}))
	tpkg, info, typeErrs := typeCheck(fset, pkg, files, imports, full)

	checked := *pkg
	checked.Imports = imports
	checked.Syntax = files
	checked.Types = tpkg
	checked.TypesInfo = info
	checked.TypeErrors = typeErrs
	// Errors of go list and of the files not parsed again still hold.
	checked.Errors = nil
	for _, e := range pkg.Errors {
		if e.Kind == packages.ListError || e.Kind == packages.UnknownError ||
			e.Kind == packages.ParseError && !slices.ContainsFunc(slices.Collect(maps.Keys(parsed)), func(name string) bool { return strings.HasPrefix(e.Pos, name+":") || e.Pos == name }) {
			checked.Errors = append(checked.Errors, e)
		}
	}
	checked.Errors = append(checked.Errors, parseErrs...)
	for _, te := range typeErrs {
		checked.Errors = append(checked.Errors, packages.Error{Pos: te.Fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
	}
	checked.IllTyped = len(checked.Errors) > 0 ||
		slices.ContainsFunc(slices.Collect(maps.Values(imports)), func(dep *packages.Package) bool { return dep.IllTyped })
	return &checked, nil
}

// errorFile returns the file name of an error position "file:line:col".
func errorFile(pos string) string {
	name, _, _ := splitPos(pos)
	return name
}

// typeCheck type-checks files as package pkg against the given imports:
// whole, with type information for the analyzers, if full; else only the
// declarations (what importers see), without function bodies or
// information.
func typeCheck(fset *token.FileSet, pkg *packages.Package, files []*ast.File, imports map[string]*packages.Package, full bool) (*types.Package, *types.Info, []types.Error) {
	if !full {
		return checkDeclarations(fset, pkg, files, imports)
	}
	info := &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
	tpkg, typeErrs := check(fset, pkg, files, imports, info)
	return tpkg, info, typeErrs
}

func checkDeclarations(fset *token.FileSet, pkg *packages.Package, files []*ast.File, imports map[string]*packages.Package) (*types.Package, *types.Info, []types.Error) {
	tpkg, typeErrs := check(fset, pkg, files, imports, nil)
	return tpkg, nil, typeErrs
}

// check runs the type checker; without info, on declarations only.
func check(fset *token.FileSet, pkg *packages.Package, files []*ast.File, imports map[string]*packages.Package, info *types.Info) (*types.Package, []types.Error) {
	var typeErrs []types.Error
	cfg := &types.Config{
		IgnoreFuncBodies: info == nil,
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if dep, ok := imports[path]; ok && dep.Types != nil {
				return dep.Types, nil
			}
			return nil, fmt.Errorf("package %q was not loaded", path)
		}),
		Sizes: pkg.TypesSizes,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				typeErrs = append(typeErrs, te)
			}
		},
	}
	if pkg.Module != nil && pkg.Module.GoVersion != "" {
		cfg.GoVersion = "go" + pkg.Module.GoVersion
	}
	tpkg := types.NewPackage(pkg.PkgPath, packageName(pkg, files))
	_ = types.NewChecker(cfg, fset, tpkg, info).Files(files) // errors are in typeErrs
	return tpkg, typeErrs
}

// packageName is the name the package's files agree on most: a file whose
// package clause names another package (a new buffer, pasted code) is then
// the one the type checker reports and leaves out, and the other files keep
// their analysis. go list may name the package after that file, which sorts
// first. A tie goes to the name the import path ends in, then to go list's.
func packageName(pkg *packages.Package, files []*ast.File) string {
	count := make(map[string]int)
	for _, f := range files {
		if f != nil && f.Name != nil {
			count[f.Name.Name]++
		}
	}
	best, n := pkg.Name, count[pkg.Name]
	last := pkg.PkgPath[strings.LastIndex(pkg.PkgPath, "/")+1:]
	for name, c := range count {
		if c > n || c == n && name == last && best != last {
			best, n = name, c
		}
	}
	return best
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
