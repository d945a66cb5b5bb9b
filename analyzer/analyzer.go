// Package analyzer lists weaklint's analyzers, for the command line tool, the
// vet tool and the language server alike.
package analyzer

import (
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/cleanupref"
	"github.com/weaklint/weaklint/analyzer/strongcache"
	"github.com/weaklint/weaklint/analyzer/weakderef"
)

// All returns every weaklint analyzer, in a stable order.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		weakderef.Analyzer,
		cleanupref.Analyzer,
		strongcache.Analyzer,
	}
}
