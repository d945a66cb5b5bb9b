package cleanupref

import (
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"

	"github.com/weaklint/weaklint/analyzer/internal/registrars"
)

// registrarFact describes how a function registers a cleanup (see
// registrars.Fact): the registrars analyzer finds them, wrappers included.
type registrarFact = registrars.Fact

// A site is a call of a registrar or wrapper, as the checks use it.
type site struct {
	fn     *ssa.Function // the function containing the call
	call   ssa.CallInstruction
	callee *types.Func    // the function called (generic origin)
	args   []ssa.Value    // the call's arguments, receiver first
	reg    *registrarFact // how callee registers a cleanup
}

// sitesOf returns the registrar calls that the registrars analyzer found.
func sitesOf(res *registrars.Result) []*site {
	var sites []*site
	for _, s := range res.Sites() {
		sites = append(sites, &site{fn: s.Fn, call: s.Call, callee: s.Callee, args: s.Args, reg: s.Reg})
	}
	return sites
}
