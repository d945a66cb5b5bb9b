package cleanupref

import (
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/analyzer/internal/registrars"
	"github.com/weaklint/weaklint/analyzer/internal/suppress"
)

//go:generate go run ../internal/analysisdoc/gendoc

// Analyzer reports cleanups and finalizers that keep their object alive.
var Analyzer = &analysis.Analyzer{
	Name:       "cleanupref",
	Doc:        cleanuprefDoc,
	URL:        "https://github.com/weaklint/weaklint#cleanupref",
	Requires:   []*analysis.Analyzer{registrars.Analyzer},
	Run:        suppress.Run(run), // the result: which //weaklint:ignore directives silenced something
	ResultType: suppress.UsedType,
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[registrars.Analyzer].(*registrars.Result)
	if res == nil {
		return nil, nil // no registrar or wrapper is called here
	}
	q := new(reach.Query)
	c := newChecker(pass, q)
	sites := sitesOf(res)
	q.Released = released(c.releasedFields(sites), c.grownFields())
	for _, s := range sites {
		c.check(s)
	}
	c.flushWrapperReports()
	return nil, nil
}
