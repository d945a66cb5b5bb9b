// Package factscope says which packages' facts are worth exporting.
//
// go vet writes every fact an analyzer exports into the package's vetx file,
// and unitchecker re-exports the facts of fields and methods through the
// vetx file of every package above it. The vet gate (internal/vetgate)
// type-checks any package whose direct dependency has facts, so one fact on
// a method deep in the standard library (crypto/internal/fips140cache's
// Cache.Get, re-exported by crypto/ecdsa, crypto/tls and net/http) makes
// it type-check every package that imports net/http.
package factscope

import (
	"go/build"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// StdPrivate reports whether the pass's package is an internal or vendored
// package of the standard library: only the standard library can import it,
// its own code is not what weaklint checks through facts, and a fact on one
// of its methods would reach, and cost, every program. Its facts are not
// worth exporting.
func StdPrivate(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 {
		return false
	}
	return stdPrivate(pass.Pkg.Path(), pass.Fset.File(pass.Files[0].Pos()).Name(), build.Default.GOROOT)
}

// stdPrivate is StdPrivate for a package of the given path whose first
// file is named file, in a standard library under goroot ("" if unknown:
// then nothing is std-private, which costs time, never findings).
func stdPrivate(path, file, goroot string) bool {
	private := strings.HasPrefix(path, "vendor/") || strings.Contains(path, "/vendor/") ||
		path == "internal" || strings.HasPrefix(path, "internal/") ||
		strings.Contains(path, "/internal/") || strings.HasSuffix(path, "/internal")
	if !private || goroot == "" {
		return false
	}
	rel, err := filepath.Rel(filepath.Join(goroot, "src"), file)
	return err == nil && filepath.IsLocal(rel)
}
