package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"
)

// checkWeakMaps reports rule 2: maps of weak pointers that are never
// pruned, cleanups that prune them unconditionally, and cleanups attached
// to the weak pointer instead of its referent.
func (a *checker) checkWeakMaps() {
	byMap := map[*types.Var][]cleanupDelete{}
	for _, d := range a.cleanups {
		byMap[d.v] = append(byMap[d.v], d)
	}
	for _, v := range a.sortedVars() {
		u := a.ix.vars[v]
		if len(u.inserts) == 0 || !a.isWeakMap(v, u) {
			continue
		}
		name := a.names.of(v)
		reportedRegistrar := map[token.Pos]bool{}
		var held []cleanupDelete // cleanups that delete but cannot run while the map lives
		for _, d := range byMap[v] {
			if a.holderOf(d) != onOther {
				held = append(held, d)
				continue // whether the delete compares is moot
			}
			switch {
			case d.attachedToWeak:
				if !reportedRegistrar[d.registrar.Pos()] {
					reportedRegistrar[d.registrar.Pos()] = true
					a.report(d.registrar.Pos(), "cleanup that prunes %s is attached to a weak.Pointer variable, not to its referent: it runs only once the weak pointer itself is unreachable, so dead entries stay; attach it to the value passed to weak.Make", name)
				}
			case !d.guarded && !a.identityKeyed(v, u):
				a.report(d.site, "cleanup deletes the entry of %s unconditionally: a newer value stored under the same key is removed too; delete only if the entry still holds the same weak pointer, or use runtimeweak.ValueMap", name)
			}
		}
		if a.boundedKeys(v, u) || a.filledAtConstruction(u) {
			continue
		}
		if tn := a.names.ownerType(v); tn != nil && a.localOnly(tn) {
			continue // the map lives only as long as one call
		}
		if ref, ok := a.explicitOnly(v, u, len(byMap[v])); ok {
			refName := types.TypeString(ref, types.RelativeTo(a.pass.Pkg))
			a.report(v.Pos(), "a cleanup is registered on each %s but does not remove its entry from %s: dead entries stay until an explicit call removes them, and code that forgets the call leaks them; delete the entry in that cleanup (checking it still holds the same weak pointer)", refName, name)
			continue
		}
		if a.pruned(v, u) || a.ix.prunedByType(v.Type()) {
			continue
		}
		if len(held) > 0 {
			d := held[0]
			obj := types.ExprString(d.obj)
			if a.holderOf(d) == onOwner {
				a.report(v.Pos(), "entries of %s are removed only by a cleanup attached to %s, which owns the map: it runs only when the whole cache is collected, so dead weak pointers accumulate while it lives; delete each entry in a cleanup attached to the value passed to weak.Make, or use runtimeweak.ValueMap", name, obj)
			} else {
				a.report(v.Pos(), "entries of %s are removed only by a cleanup attached to %s, which the map itself holds: it never runs while the entry is there, so dead entries accumulate; attach the cleanup to the value passed to weak.Make, or use runtimeweak.ValueMap", name, obj)
			}
			continue
		}
		if a.weakKeyed(v, u) {
			a.report(v.Pos(), "entries of %s are never removed: entries whose weak key died accumulate without bound; delete the key in a cleanup attached to its referent (runtime.AddCleanup(k, func(wp weak.Pointer[K]) { delete(m, wp) }, wp))", name)
			continue
		}
		a.report(v.Pos(), "entries of %s are never removed: dead weak pointers accumulate without bound; delete them in a cleanup attached to the value (checking the entry still holds the same weak pointer) or use runtimeweak.ValueMap", name)
	}
}

// weakKeyed reports whether v is a map keyed by weak pointers (a side
// table), or a sync.Map into which such keys are stored.
func (a *checker) weakKeyed(v *types.Var, u *varUse) bool {
	if m, ok := mapOf(v.Type()); ok {
		return weakKey(m.Key())
	}
	if !isSyncMap(v.Type()) {
		return false
	}
	for _, ins := range u.inserts {
		if ins.key != nil && weakKey(a.pass.TypesInfo.TypeOf(ins.key)) {
			return true
		}
	}
	return false
}

// isWeakMap reports whether v is a map whose values or keys hold weak
// pointers, or a sync.Map into which such values or keys are stored.
func (a *checker) isWeakMap(v *types.Var, u *varUse) bool {
	_, nested := weakMapsOf(v.Type())
	if m, ok := mapOf(v.Type()); ok {
		weakElem := holdsWeak(m.Elem()) && (!indirectWeak(m.Elem()) || !publicRecord(m.Elem()) && a.wrapsWeak(v, u))
		return weakElem || weakKey(m.Key()) || nested
	}
	if nested {
		return true // shards
	}
	if !isSyncMap(v.Type()) {
		return false
	}
	for _, ins := range u.inserts {
		if ins.value != nil && holdsWeak(a.pass.TypesInfo.TypeOf(ins.value)) {
			return true
		}
	}
	return a.weakKeyed(v, u)
}

// boundedKeys reports whether the keys of map v come from a domain the
// program bounds (bool, an enumeration, reflect.Type): such a map holds at
// most one dead weak pointer per key and cannot grow without bound.
func (a *checker) boundedKeys(v *types.Var, u *varUse) bool {
	if m, ok := mapOf(v.Type()); ok {
		return isBoundedKey(m.Key())
	}
	if m, ok := weakMapsOf(v.Type()); ok {
		return isBoundedKey(m.Key()) // shards
	}
	for _, ins := range u.inserts { // a sync.Map: look at the keys stored
		if ins.key == nil || !isBoundedKey(a.pass.TypesInfo.TypeOf(ins.key)) {
			return false
		}
	}
	return true
}

// filledAtConstruction reports whether every insertion into the map goes
// through a value that the inserting function has just allocated
// (g := &Graph{...}; g.users[in] = ...), not from a closure (a goroutine
// filling it later): the map is filled while its
// owner is built, from a finite input, and never grows afterwards, so its
// dead weak pointers cannot accumulate.
func (a *checker) filledAtConstruction(u *varUse) bool {
	info := a.pass.TypesInfo
	for _, ins := range u.inserts {
		as, ok := ins.cur.Node().(*ast.AssignStmt)
		if !ok || ins.fn == nil {
			return false
		}
		fresh := false
		for _, lhs := range as.Lhs {
			idx, ok := ast.Unparen(lhs).(*ast.IndexExpr)
			if !ok || idx.Pos() != ins.pos {
				continue
			}
			sel, ok := ast.Unparen(idx.X).(*ast.SelectorExpr)
			if !ok {
				break
			}
			root, ok := ast.Unparen(sel.X).(*ast.Ident)
			if !ok {
				break
			}
			v, _ := info.Uses[root].(*types.Var)
			if v == nil || isPackageLevel(v) || isParam(v) {
				break
			}
			if inner := enclosingFunc(ins.cur); inner == nil || v.Pos() < inner.Pos() || v.Pos() >= inner.End() {
				break // a closure filling it may run long after construction
			}
			defs := definitions(info, ins.fn, v)
			fresh = len(defs) == 1 && isAllocation(info, defs[0])
		}
		if !fresh {
			return false
		}
	}
	return len(u.inserts) > 0
}

// isAllocation reports whether e makes a new value: &T{...}, T{...} or new(T).
func isAllocation(info *types.Info, e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return true
	case *ast.UnaryExpr:
		_, lit := ast.Unparen(x.X).(*ast.CompositeLit)
		return x.Op == token.AND && lit
	case *ast.CallExpr:
		return isBuiltin(info, x.Fun, "new")
	}
	return false
}

// publicRecord reports whether the map value type t (or the element of a
// slice of them) is an exported struct, or a pointer to one, whose weak
// pointers are all unexported fields and which has exported fields of
// its own (Item{ID, Name, Weight, icon weak.Pointer[Texture]}): a record
// the package hands to its clients, meaningful after its weak referent
// died, not a wrapper of that weak pointer to be dropped with it.
func publicRecord(t types.Type) bool {
	for {
		switch u := types.Unalias(t).Underlying().(type) {
		case *types.Slice:
			t = u.Elem()
			continue
		case *types.Pointer:
			t = u.Elem()
		}
		break
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || !n.Obj().Exported() {
		return false
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	data := false
	for f := range st.Fields() {
		switch {
		case holdsWeak(f.Type()):
			if f.Exported() {
				return false
			}
		case f.Exported():
			data = true
		}
	}
	return data
}
