package vetgate

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A root unit parses its files whole so that a syntax error in them is
// reported as without the gate: go vet does not compile the packages it
// was asked about, only their dependencies, and the import clauses it reads
// (go/build) stop before any function body. About 30 MB of go vet std's
// source is parsed this way, 10% of weaklint's CPU there.
//
// But a package with an external test package (package p_test, in the same
// directory) that imports it is compiled in the same run: go vet type-checks
// p_test from the export data of its dependencies, so it builds p as
// recompiled for the test, with the internal test files, which are exactly
// the files of p's root unit (cmd/go: vetAction's compile action of each
// import is a build, not a vet-only one). The compiler reports a syntax
// error there, go vet fails with it, and the root unit need not parse for
// one (a compile found in the build cache compiled the same files before).
// About 60% of the source of go vet std's root units is in such packages.

// compiledByGo reports whether go vet compiles the root unit's own files in
// this run: the package's directory holds a file of an external test
// package, included by the build constraints, that imports the package.
func compiledByGo(cfg *config) bool {
	if cfg.VetxOnly || cfg.Dir == "" || cfg.ImportPath == "" {
		return false
	}
	entries, err := os.ReadDir(cfg.Dir)
	if err != nil {
		return false
	}
	// The directory's files that are not an external test's: the unit's
	// own (with its internal test files) and those the build excludes.
	others := make(map[string]bool, len(cfg.GoFiles)+len(cfg.IgnoredFiles))
	for _, list := range [][]string{cfg.GoFiles, cfg.IgnoredFiles} {
		for _, name := range list {
			if filepath.Dir(name) == cfg.Dir {
				others[filepath.Base(name)] = true
			}
		}
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		// The go command ignores files whose names start with _ or .
		if e.IsDir() || others[name] || !strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(cfg.Dir, name), nil, parser.ImportsOnly)
		if err != nil || !strings.HasSuffix(f.Name.Name, "_test") {
			continue
		}
		for _, imp := range f.Imports {
			if path, err := strconv.Unquote(imp.Path.Value); err == nil && path == cfg.ImportPath {
				return true
			}
		}
	}
	return false
}
