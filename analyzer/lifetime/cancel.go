package lifetime

import (
	"fmt"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// checkCancels applies rule 6: Cleanup.Stop or Finalizer.Detach as the last
// use of the object: the cleanup may have been queued already, and runs
// anyway.
func (l *lifetime) checkCancels() {
	for _, fn := range l.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				callee, args := staticCallArgs(call.Common())
				if callee == nil || len(args) == 0 || !weakapi.IsCanceller(callee) {
					continue
				}
				obj, text := l.cancelledObject(args[0])
				if obj == nil || liveUses(obj).usedAfter(call, false) || settledBefore(call, args[0]) || okUsed(call) || l.heldByCallers(obj) {
					continue
				}
				l.reportCancel(call, callee, text)
			}
		}
	}
}

// cancelledObject returns the object whose registration c (a
// runtime.Cleanup or *runtimeweak.Finalizer) cancels, or nil if unknown,
// and its source text when it is a name or a field selection ("" if not).
func (l *lifetime) cancelledObject(c ssa.Value) (ssa.Value, string) {
	c = reach.Underlying(c)
	switch x := c.(type) {
	case *ssa.Call:
		callee, args := staticCallArgs(x.Common())
		if callee == nil {
			return nil, ""
		}
		if reg, ok := weakapi.LookupRegistrar(callee); ok && reg.Obj < len(args) {
			text := ""
			if e := l.argExpr(x, callee, reg.Obj); e != nil && simpleExpr(l.pass.TypesInfo, e) {
				text = types.ExprString(e)
			}
			return reach.Underlying(args[reg.Obj]), text
		}
	case *ssa.UnOp:
		if field := loadedField(x); field != nil && l.isSelfCleanup(field) {
			return loadBase(x), l.baseText(x.X.(*ssa.FieldAddr))
		}
	case *ssa.FieldAddr: // a pointer receiver: (&f.fin).Detach()
		if l.isSelfCleanup(fieldVar(x)) {
			return x.X, l.baseText(x)
		}
	}
	return nil, ""
}

// baseText returns the source text of x in the selection x.f, if simple.
func (l *lifetime) baseText(fa *ssa.FieldAddr) string {
	if f := l.file(fa.Pos()); f != nil && fa.Pos().IsValid() {
		return selectorBase(l.pass.TypesInfo, f, fa.Pos())
	}
	return ""
}

func (l *lifetime) reportCancel(call ssa.CallInstruction, callee *types.Func, objText string) {
	expr := l.callExpr(call)
	if expr == nil {
		return
	}
	name := objText
	if name == "" {
		name = "the object"
	}
	d := analysis.Diagnostic{
		Pos:      expr.Pos(),
		End:      expr.End(),
		Category: "lifetime",
		Message: fmt.Sprintf("%s is the last use of %s: %s may already be unreachable and its cleanup queued, so %s does not stop it; add runtime.KeepAlive(%s) after the call",
			callee.Name(), name, name, callee.Name(), name),
	}
	if objText != "" {
		if fix, ok := l.keepAliveFix(call, objText); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	l.out.Report(d)
}

// settledBefore reports whether the registration that canceller call c
// cancels, held in value reg, was already ended on every path to c (c.Stop()
// twice, Detach after the finalizer's Call): the earlier call is the one
// that could miss a queued cleanup, and is reported itself if it is the
// object's last use; this one has nothing left to stop.
func settledBefore(c ssa.CallInstruction, reg ssa.Value) bool {
	fn := c.Parent()
	for _, b := range fn.Blocks {
		if !b.Dominates(c.Block()) {
			continue
		}
		for _, instr := range b.Instrs {
			if instr == c {
				break
			}
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee, args := staticCallArgs(call.Common())
			if callee != nil && len(args) > 0 && weakapi.IsSettler(callee) && sameRegistration(args[0], reg) {
				return true
			}
		}
	}
	return false
}

// sameRegistration reports whether a and b hold the same registration: the
// same value, or loads of the same field of the same object (t.fin).
func sameRegistration(a, b ssa.Value) bool {
	a, b = reach.Underlying(a), reach.Underlying(b)
	if a == b {
		return true
	}
	fa, fb := loadedField(a), loadedField(b)
	if fa == nil || fa != fb {
		if x, ok := a.(*ssa.FieldAddr); ok { // pointer receivers: (&t.fin).Detach()
			if y, ok := b.(*ssa.FieldAddr); ok {
				return x.Field == y.Field && reach.Underlying(x.X) == reach.Underlying(y.X)
			}
		}
		return false
	}
	return reach.Underlying(loadBase(a)) == reach.Underlying(loadBase(b))
}

// okUsed reports whether the call's boolean result (Finalizer.Detach's ok)
// is used: a caller that acts only when ok is true does not release twice,
// since the finalizer settles once, either by Detach or by running; only
// cancellers whose outcome is ignored (or that report none, as
// runtime.Cleanup.Stop) leave the caller assuming the cleanup will not run.
func okUsed(call ssa.CallInstruction) bool {
	v := call.Value()
	if v == nil || v.Referrers() == nil {
		return false
	}
	tuple, ok := v.Type().(*types.Tuple)
	if !ok {
		return false
	}
	for _, r := range *v.Referrers() {
		ex, ok := r.(*ssa.Extract)
		if !ok || ex.Index >= tuple.Len() {
			continue
		}
		if b, ok := tuple.At(ex.Index).Type().Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
			if refs := ex.Referrers(); refs != nil && len(*refs) > 0 {
				return true
			}
		}
	}
	return false
}
