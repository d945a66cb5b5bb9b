package strongcache

import (
	"go/ast"
	"go/types"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// A cleanup registered on the referents of a weak map that does not remove
// their entries (it releases a resource of its own) leaves each dead entry
// in place until some explicit call (Close, Remove, a reset) deletes it:
// code that forgets the call leaks the entry. Only pruning that finds dead
// entries by itself counts then: a delete or sweep guarded by a test of the
// entry's referent, or a length bound.

// explicitOnly reports whether the referents of weak map v get a cleanup
// (a registrar call of the package on a value of the referent type) that
// removes nothing from v, while the package's pruning of v is only
// explicit, and returns the referent type.
func (a *checker) explicitOnly(v *types.Var, u *varUse, cleanupDeletes int) (types.Type, bool) {
	if cleanupDeletes > 0 {
		return nil, false
	}
	ref := a.weakReferent(v, u)
	if ref == nil || !a.hasCleanupOn(ref, u) {
		return nil, false
	}
	for _, p := range u.deletes {
		if a.ix.runsOnce(p.cur) || inInit(p.cur) {
			continue
		}
		if isGuarded(a.ix, p.cur, outerFunc(p.cur)) || a.inSweep(v, p) {
			return nil, false
		}
	}
	if len(u.bounds) > 0 || len(u.escapes) > 0 || a.ix.prunedByType(v.Type()) {
		return nil, false
	}
	return ref, true
}

// inSweep reports whether the delete p lies in a range over v whose body
// reads a referent: a sweep of dead entries.
func (a *checker) inSweep(v *types.Var, p prune) bool {
	for c := range p.cur.Enclosing((*ast.RangeStmt)(nil)) {
		r := c.Node().(*ast.RangeStmt)
		if a.ix.resolve(r.X) == v && a.callsValue(r.Body) {
			return true
		}
	}
	return false
}

// weakReferent returns the type of the referents the weak map v holds
// weakly (T of weak.Pointer[T] in its keys or values), or nil.
func (a *checker) weakReferent(v *types.Var, u *varUse) types.Type {
	if m, ok := mapOf(v.Type()); ok {
		if t := weakElemIn(m.Key(), 0); t != nil {
			return t
		}
		return weakElemIn(m.Elem(), 0)
	}
	for _, ins := range u.inserts {
		for _, e := range []ast.Expr{ins.key, ins.value} {
			if e != nil {
				if t := weakElemIn(a.pass.TypesInfo.TypeOf(e), 0); t != nil {
					return t
				}
			}
		}
	}
	return nil
}

// weakElemIn returns T for the first weak.Pointer[T] that a value of type
// t holds (see holdsWeak), or nil.
func weakElemIn(t types.Type, depth int) types.Type {
	if t == nil || depth > 3 {
		return nil
	}
	if e, ok := weakapi.WeakPointerElem(t); ok {
		return e
	}
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Struct:
		for f := range u.Fields() {
			if e := weakElemIn(f.Type(), depth+1); e != nil {
				return e
			}
		}
	case *types.Pointer:
		if _, ok := u.Elem().Underlying().(*types.Struct); ok {
			return weakElemIn(u.Elem(), depth+1)
		}
	case *types.Slice:
		return weakElemIn(u.Elem(), depth+1)
	case *types.Array:
		return weakElemIn(u.Elem(), depth+1)
	}
	return nil
}

// hasCleanupOn reports whether the package registers a cleanup or
// finalizer on a *ref where it fills v: in a function that inserts into v,
// or that calls a function of the package that does.
func (a *checker) hasCleanupOn(ref types.Type, u *varUse) bool {
	info := a.pass.TypesInfo
	fills := map[ast.Node]bool{}
	fillers := map[*types.Func]bool{}
	for _, ins := range u.inserts {
		fills[ins.fn] = true
		if d, ok := ins.fn.(*ast.FuncDecl); ok {
			if obj, ok := info.Defs[d.Name].(*types.Func); ok {
				fillers[obj] = true
			}
		}
	}
	for cur := range a.in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		r, ok := weakapi.LookupRegistrarCall(info, call)
		if !ok || r.Obj >= len(call.Args) {
			continue
		}
		p, ok := types.Unalias(info.TypeOf(call.Args[r.Obj])).(*types.Pointer)
		if !ok || !types.Identical(p.Elem(), ref) {
			continue
		}
		fn := outerFunc(cur)
		if fills[fn] {
			return true
		}
		found := false
		ast.Inspect(fn, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				if callee := weakapi.Callee(info, c); callee != nil && fillers[callee.Origin()] {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}
