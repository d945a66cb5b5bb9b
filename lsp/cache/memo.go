package cache

import (
	"bytes"
	"maps"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// This file remembers the last versions of each open package, checked and
// analyzed: an edit back to contents analyzed a moment ago, against the
// same imports (an undo, a line typed and deleted, a toggled comment),
// reuses that version instead of checking and analyzing the package again,
// as gopls reuses type-checked packages by content. The analyzers are
// functions of the package's syntax and types and of its imports' facts;
// the same imports (the same *packages.Package, whose types and facts do
// not change once checked) and the same contents give the same results.

// memoVersions is how many versions of an open package are kept: the
// current one and the one before. Each holds the package's syntax and
// type information.
const memoVersions = 2

// A version is one version of an open package, checked and analyzed.
type version struct {
	contents map[string][]byte // of every compiled file
	pkg      *packages.Package // its Imports are the imports it was checked against
	reports  []found
	failed   map[*analysis.Analyzer]error
	facts    []storedFact // exported about pkg.Types, put back when it is reused
}

type storedFact struct {
	key  factKey
	fact analysis.Fact
}

// remember records the latest version of r's package.
func (r *root) remember(ver *version) {
	r.memo = append([]*version{ver}, r.memo...)
	if len(r.memo) > memoVersions {
		r.memo[memoVersions] = nil
		r.memo = r.memo[:memoVersions]
	}
}

// recall returns the version of r's package with exactly these contents,
// checked against exactly these imports, or nil.
func (r *root) recall(contents map[string][]byte, imports map[string]*packages.Package) *version {
	for _, ver := range r.memo {
		if maps.Equal(ver.pkg.Imports, imports) && maps.EqualFunc(ver.contents, contents, bytes.Equal) {
			return ver
		}
	}
	return nil
}

// of returns the facts exported about pkg or its objects.
func (s *factStore) of(pkg *packages.Package) []storedFact {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []storedFact
	for _, k := range s.byPkg[pkg.Types] {
		out = append(out, storedFact{k, s.facts[k]})
	}
	return out
}
