package lifetime

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// Rule 4 has two shapes. In both, nothing but the referent call keeps the
// object's address (keptBeyond is false): the object is reached only
// through that one pointer, by reads and writes of its contents.
//
//   - Nothing uses the object after the call: it is dead on arrival.
//   - The object's contents are only read (copied) or written after the
//     call: h := logger{}; m[k] = weak.Make(&h); return h. The object
//     lives until the last of those, and the copies that leave the
//     function are other objects: nothing keeps the referent past the
//     function, and the weak pointer that outlives it becomes nil.
//
// The second shape is reported only when the weak pointer is still looked
// at after the object's last use (weakOutlives): a weak pointer consulted
// only while the function still reads the object is correct, if pointless.

// checkDeadReferent applies rule 4 to a weak referent site whose argument
// points into a new object.
func (l *lifetime) checkDeadReferent(s *site, o origin) {
	if keptBeyond(o.ptr, s.call) {
		return
	}
	uses := liveUses(o.ptr)
	if !uses.usedAfter(s.call, false) {
		l.reportArg(s, fmt.Sprintf("%s of a new object that nothing else keeps: it may be collected at once and Value() may return nil right away; keep a strong reference for as long as the value is needed", s.ref.API))
		return
	}
	if !l.weakOutlives(s, uses) {
		return
	}
	what, ptr := l.copiedReferent(s)
	l.reportArg(s, fmt.Sprintf("%s of %s, whose value is only read or copied after the call: nothing keeps its address, so Value() returns nil once the function is done with it; keep and return (or store) the pointer %s instead of a copy",
		s.ref.API, what, ptr))
}

// weakOutlives reports whether the weak reference made at s may be used
// after the last use of its referent: always for a runtimeweak store or a
// wrapper (they keep it), and for weak.Make when its result is stored,
// returned, passed on, or its Value called after the referent's last use.
func (l *lifetime) weakOutlives(s *site, referent *liveness) bool {
	call, ok := s.call.(*ssa.Call)
	if !ok || !weakapi.IsWeakMake(s.callee) {
		return true
	}
	seen := make(map[ssa.Value]bool)
	var outlives func(w ssa.Value) bool
	outlives = func(w ssa.Value) bool {
		if seen[w] {
			return false
		}
		seen[w] = true
		refs := w.Referrers()
		if refs == nil {
			return true
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.Phi: // w := weak.Make(&h) in one branch
				if outlives(r) {
					return true
				}
			case *ssa.Call:
				if !weakapi.IsWeakValue(staticCallee(r.Common())) || !referent.usedAfter(r, false) {
					return true
				}
			default: // stored, returned, passed on, compared
				return true
			}
		}
		return false
	}
	return outlives(call)
}

// copiedReferent describes the referent of s for the report, and the
// pointer to keep instead of a copy: "local variable h" and "&h" for
// weak.Make(&h) (or &h.f, &h[i]), "a new object" and the argument (a
// variable, or "to it" for a constructor's result) otherwise.
func (l *lifetime) copiedReferent(s *site) (what, ptr string) {
	what, ptr = "a new object", "to it"
	e := l.argExpr(s.call, s.callee, s.ref.Param)
	switch ast.Unparen(e).(type) {
	case *ast.Ident, *ast.UnaryExpr, *ast.SelectorExpr:
		ptr = types.ExprString(e)
	}
	if v := l.addressedLocal(e); v != nil {
		what = "local variable " + v.Name()
	}
	return what, ptr
}

// addressedLocal returns the local variable x of &x, &x.f or &x[i], or nil.
func (l *lifetime) addressedLocal(e ast.Expr) *types.Var {
	if e == nil {
		return nil
	}
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.AND {
		return nil
	}
	x := ast.Unparen(u.X)
	for {
		switch y := x.(type) {
		case *ast.SelectorExpr:
			if sel := l.pass.TypesInfo.Selections[y]; sel == nil || sel.Kind() != types.FieldVal || sel.Indirect() {
				return nil // a qualified identifier, or a field reached through a pointer
			}
			x = ast.Unparen(y.X)
			continue
		case *ast.IndexExpr:
			if _, ok := l.pass.TypesInfo.TypeOf(y.X).Underlying().(*types.Array); !ok {
				return nil // an element of a slice or map, or through a pointer to an array
			}
			x = ast.Unparen(y.X)
			continue
		case *ast.Ident:
			v, ok := l.pass.TypesInfo.Uses[y].(*types.Var)
			if !ok || v.IsField() || v.Parent() == nil || v.Parent() == l.pass.Pkg.Scope() {
				return nil
			}
			return v
		}
		return nil
	}
}
