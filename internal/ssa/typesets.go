package ssa

import (
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa/internal/typeparams"
)

// NormalTerms returns the terms of the type set of t, an interface or a
// type parameter (typeparams.NormalTerms, which the builder uses to
// classify conversions): weaklint's analyzers ask whether every type a
// type parameter may stand for is a pointer, as the builder does before
// emitting a ChangeType for P(x).
func NormalTerms(t types.Type) ([]*types.Term, error) {
	return typeparams.NormalTerms(t)
}
