package lifetime

import (
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// A function's parameter is alive for the whole call when every caller
// keeps the argument alive past the call: the compiler's liveness is per
// instruction, and an argument the caller still needs afterwards (used
// again, held by a deferred call such as defer template.Close(), stored,
// captured) is a root on the caller's stack while the callee runs. Then
// neither a resource copied out of the parameter (rule 5) nor a Stop on its
// cleanup (rule 6) can race with the cleanup, whatever the callee does.
//
// Only an unexported function of the package can have its callers known:
// every mention of it must be a static call (mentionsOfUnexported; a
// function value, a go or defer statement, or a method run through one of
// the package's interfaces leaves it unknown). A caller may in turn pass on
// its own parameter (or an object held by it), which its callers keep or
// not: the question recurses, and a recursion back to a parameter being
// decided answers no.

// heldByCallers reports whether obj, or an object holding it (m for m.fd),
// is a parameter of its function that every caller keeps alive past the
// call.
func (l *lifetime) heldByCallers(obj ssa.Value) bool {
	for _, h := range holders(obj, 0) {
		if p, ok := h.(*ssa.Parameter); ok && l.paramKept(p) {
			return true
		}
	}
	return false
}

// paramKept reports whether every call of p's function keeps the argument
// for p alive past the call.
func (l *lifetime) paramKept(p *ssa.Parameter) bool {
	if kept, ok := l.kept[p]; ok {
		return kept
	}
	if l.kept == nil {
		l.kept = make(map[*ssa.Parameter]bool)
	}
	l.kept[p] = false // a recursion back to p, while it is being decided
	kept := l.callersKeep(p)
	l.kept[p] = kept
	return kept
}

// callersKeep decides paramKept for p.
func (l *lifetime) callersKeep(p *ssa.Parameter) bool {
	fn := p.Parent()
	obj := fnObj(fn)
	i := paramIndex(fn, p)
	if obj == nil || obj.Exported() || obj.Pkg() != l.pass.Pkg || i < 0 || fn.TypeParams().Len() > 0 {
		return false
	}
	want := l.unexportedMentions()[obj]
	if want <= 0 {
		return false // uncalled, or maybe run through an interface
	}
	calls := 0
	for _, caller := range l.funcsUsing(func(o types.Object) bool { return o == obj }) {
		for _, b := range caller.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || call.Common().StaticCallee() != fn || len(call.Call.Args) != len(fn.Params) {
					continue
				}
				calls++
				if !l.keptPast(call.Call.Args[i], call, make(map[*ssa.Phi]bool)) {
					return false
				}
			}
		}
	}
	return calls == want // every mention is one of these calls
}

// keptPast reports whether the caller keeps the object arg points to alive
// after call: nil, used after the call (or held for good: deferred,
// stored, captured), or held by a parameter its own callers keep. Each
// value a φ-node merges must be.
func (l *lifetime) keptPast(arg ssa.Value, call *ssa.Call, seen map[*ssa.Phi]bool) bool {
	if isNil(arg) {
		return true
	}
	if phi, ok := arg.(*ssa.Phi); ok {
		if seen[phi] {
			return true // the other edges decide
		}
		seen[phi] = true
		for _, e := range phi.Edges {
			if !l.keptPast(e, call, seen) {
				return false
			}
		}
		return true
	}
	return liveUses(arg).usedAfter(call, false) || l.heldByCallers(arg)
}

// unexportedMentions returns mentionsOfUnexported, computed once.
func (l *lifetime) unexportedMentions() map[*types.Func]int {
	if l.mentions == nil {
		l.mentions = l.mentionsOfUnexported()
	}
	return l.mentions
}
