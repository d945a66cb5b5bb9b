package cleanupref

import (
	_ "embed"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/analysisdoc"
	"github.com/weaklint/weaklint/analyzer/internal/lazyssa"
	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/analyzer/internal/suppress"
	"github.com/weaklint/weaklint/internal/weakapi"
)

//go:embed doc.go
var doc string

// Analyzer reports cleanups and finalizers that keep their object alive.
var Analyzer = &analysis.Analyzer{
	Name:       "cleanupref",
	Doc:        analysisdoc.MustExtract(doc, "cleanupref"),
	URL:        "https://github.com/weaklint/weaklint#cleanupref",
	Requires:   []*analysis.Analyzer{lazyssa.Analyzer},
	Run:        suppress.Run(run), // the result: which //weaklint:ignore directives silenced something
	ResultType: suppress.UsedType,
	FactTypes:  []analysis.Fact{new(registrarFact)},
}

func run(pass *analysis.Pass) (any, error) {
	// Most packages never register a cleanup: decide from the identifiers
	// before building SSA (the analyzer runs on every dependency because
	// of its facts).
	if !usesRegistrar(pass) {
		return nil, nil
	}
	ssa := pass.ResultOf[lazyssa.Analyzer].(*lazyssa.Result).Get()
	var q reach.Query
	reg := newRegistrars(pass, &q)
	sites := reg.findWrappers(ssa.SrcFuncs)
	reg.exportFacts()
	c := newChecker(pass, &q)
	for _, s := range sites {
		c.check(s)
	}
	return nil, nil
}

// usesRegistrar reports whether the package refers to a known registrar or
// to a function that another package marked as a registrar wrapper.
func usesRegistrar(pass *analysis.Pass) bool {
	for _, obj := range pass.TypesInfo.Uses {
		fn, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		if _, ok := weakapi.LookupRegistrar(fn); ok {
			return true
		}
		if fn.Pkg() != nil && fn.Pkg() != pass.Pkg && pass.ImportObjectFact(fn.Origin(), new(registrarFact)) {
			return true
		}
	}
	return false
}
