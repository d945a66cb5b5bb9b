// Package vetgate is the fast path of weaklint in go vet mode.
//
// go vet runs the tool once per package, dependencies first, with a config
// file naming the package's files and the vetx (facts) files of its direct
// dependencies. Stock unitchecker parses and type-checks every package, which
// costs nearly as much as go vet itself, although most packages cannot hold
// weak-pointer or cleanup code. The gate skips a package without parsing more
// than its import clauses when
//
//   - none of its files imports weak, runtime or runtimeweak (the APIs every
//     weaklint check starts from), and
//   - none of its direct dependencies exported facts (facts are how a check
//     follows weak values across packages), and
//   - no direct dependency's types mention weak or runtimeweak (a package can
//     call Value on a weak.Pointer held in another package's exported field,
//     or declare a field of such a type, without importing weak), and
//   - every analyzer that runs is known to report and export facts only under
//     those two conditions (SafeAnalyzers).
//
// A skipped package cannot have diagnostics or facts, so it writes an empty
// vetx file and exits 0. Every other package takes the stock unitchecker path.
// Setting WEAKLINT_NOGATE=1 turns the gate off, for comparison.
package vetgate

import (
	"fmt"
	"go/parser"
	"go/token"
	"maps"
	"slices"
	"strconv"

	"golang.org/x/tools/go/analysis"
)

// relevantImports are the packages through which code can reach weak
// pointers or cleanups directly: the packages of analyzer/internal/weakapi's
// tables (WeakPath, RuntimePath, RuntimeWeakPath), which this package, outside
// analyzer/, cannot import.
var relevantImports = map[string]bool{
	"weak":    true,
	"runtime": true,
	"github.com/weaklint/weaklint/runtimeweak": true,
}

// SafeAnalyzers lists the analyzers that neither report a diagnostic nor
// export a fact in a package that imports none of relevantImports and whose
// direct dependencies have no facts. An analyzer that does not keep that
// promise (one that flags ordinary maps, say, or that requires an analyzer
// exporting facts for every function, like ctrlflow) must not be listed: the
// gate then stays off while it is enabled, and go vet is slow but complete.
var SafeAnalyzers = map[string]bool{
	"weakderef":  true,
	"cleanupref": true,
}

// unsafeAnalyzer returns the name of the first analyzer among roots and
// their requirements that may report or export facts outside the gate's
// conditions, or "" if the gate may be used.
func unsafeAnalyzer(roots []*analysis.Analyzer) string {
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer, root bool) string
	visit = func(a *analysis.Analyzer, root bool) string {
		if seen[a] {
			return ""
		}
		seen[a] = true
		// A required analyzer's diagnostics are never printed; only its
		// facts (which downstream packages would miss) matter.
		if (root || len(a.FactTypes) > 0) && !SafeAnalyzers[a.Name] {
			return a.Name
		}
		for _, req := range a.Requires {
			if name := visit(req, false); name != "" {
				return name
			}
		}
		return ""
	}
	for _, a := range roots {
		if name := visit(a, true); name != "" {
			return name
		}
	}
	return ""
}

// skippable reports whether the unit can be skipped; if not, why not.
func skippable(cfg *config) (bool, string) {
	if cfg.FixArchive != "" {
		return false, "go fix"
	}
	deps := slices.Sorted(maps.Keys(cfg.PackageVetx)) // for a stable reason
	typed := make(map[string]vetxHeader)
	for _, path := range deps {
		h, err := readVetxHeader(cfg.PackageVetx[path])
		if err != nil {
			return false, err.Error() // let unitchecker report it
		}
		if h.factsLen > 0 {
			return false, fmt.Sprintf("dependency %s has facts", path)
		}
		if !h.gated() { // a skipped package's types cannot mention weak
			typed[path] = h
		}
	}
	// The packages go vet was asked about (not VetxOnly) are parsed whole,
	// so that a syntax error is reported as without the gate; for their
	// dependencies, go vet reports nothing, and the import clauses suffice.
	mode := parser.ImportsOnly
	if !cfg.VetxOnly {
		mode = parser.SkipObjectResolution
	}
	fset := token.NewFileSet()
	for _, name := range cfg.GoFiles {
		f, err := parser.ParseFile(fset, name, nil, mode)
		if err != nil {
			return false, "parse error" // let unitchecker report it
		}
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return false, "bad import"
			}
			if relevantImports[path] || relevantImports[cfg.ImportMap[path]] {
				return false, "imports " + path
			}
		}
	}
	// Last, as it reads the most: the dependencies' types.
	for _, path := range deps {
		h, ok := typed[path]
		if !ok {
			continue
		}
		mentions, err := typesMentionRelevant(cfg.PackageVetx[path], h)
		if err != nil {
			return false, err.Error() // let unitchecker report it
		}
		if mentions {
			return false, fmt.Sprintf("dependency %s has weak types", path)
		}
	}
	return true, ""
}
