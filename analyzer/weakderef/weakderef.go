package weakderef

import (
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/referents"
	"github.com/weaklint/weaklint/analyzer/internal/suppress"
)

//go:generate go run ../internal/analysisdoc/gendoc

// Analyzer reports uses of possibly reclaimed weak referents.
var Analyzer = &analysis.Analyzer{
	Name:       "weakderef",
	Doc:        weakderefDoc,
	URL:        "https://github.com/weaklint/weaklint#weakderef",
	Requires:   []*analysis.Analyzer{referents.Analyzer},
	Run:        suppress.Run(run), // the result: which //weaklint:ignore directives silenced something
	ResultType: suppress.UsedType,
}

// run reports the unchecked uses that the summaries found: the referents
// analyzer walks every function (callee-first, to a fixed point) and keeps
// each function's uses from its last walk.
func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[referents.Analyzer].(*referents.Result)
	if res == nil {
		return nil, nil // the package cannot hold a weak referent
	}
	r := &reporter{pass: pass, syntax: newSyntaxIndex(pass), out: suppress.New(pass), names: newFixNames()}
	for _, fn := range res.SSA().SrcFuncs {
		for _, u := range res.Uses(fn) {
			r.report(u)
		}
	}
	return nil, nil
}
