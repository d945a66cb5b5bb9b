package weakderef

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"github.com/weaklint/weaklint/analyzer/internal/analysisdoc"
)

//go:embed doc.go
var doc string

// Analyzer reports uses of possibly reclaimed weak referents.
var Analyzer = &analysis.Analyzer{
	Name:     "weakderef",
	Doc:      analysisdoc.MustExtract(doc, "weakderef"),
	URL:      "https://github.com/weaklint/weaklint#weakderef",
	Requires: []*analysis.Analyzer{buildssa.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	return nil, nil
}
