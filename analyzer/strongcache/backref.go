package strongcache

import (
	"go/token"
	"go/types"
	"sort"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// checkBackRefs reports rule 3: weak-valued maps whose keys hold the
// referent strongly, and weak-keyed maps whose values reach the key. Either
// way each entry keeps its own weak pointer's referent alive.
func (a *checker) checkBackRefs() {
	for _, v := range a.declaredMaps() {
		m, _ := mapOf(v.Type())
		a.checkBackRef(v.Pos(), a.names.of(v), m, v)
	}
	// A generic type's map may point back only once instantiated
	// (var conns Table[Conn, *Conn] with m map[weak.Pointer[K]]V).
	for _, v := range a.instantiatedVars() {
		named := types.Unalias(derefType(v.Type())).(*types.Named)
		st := named.Underlying().(*types.Struct)
		for f := range st.Fields() {
			m, ok := f.Type().Underlying().(*types.Map)
			if !ok {
				continue
			}
			if om, ok := f.Origin().Type().Underlying().(*types.Map); ok && a.backRefs(om) {
				continue // reported at the generic declaration
			}
			a.checkBackRef(v.Pos(), a.names.of(v)+"."+f.Name(), m, nil)
		}
	}
	a.checkStoreBackRefs()
}

// backRefs reports whether map m points back to its weak referents, by
// its keys or by its values.
func (a *checker) backRefs(m *types.Map) bool {
	if elem, ok := weakapi.WeakPointerElem(m.Elem()); ok && reach.CanReach(m.Key(), elem) {
		return true
	}
	key, ok := weakapi.WeakPointerElem(m.Key())
	return ok && reach.CanReach(m.Elem(), key)
}

// checkBackRef reports rule 3 for the map m called name, declared at pos
// (v, when it is a variable or field of the package whose stores the
// index knows).
func (a *checker) checkBackRef(pos token.Pos, name string, m *types.Map, v *types.Var) {
	if elem, ok := weakapi.WeakPointerElem(m.Elem()); ok && reach.CanReach(m.Key(), elem) {
		a.report(pos, "keys of %s hold a strong pointer to the weak referent %s: each entry keeps its own value alive, so the weak pointer never dies; key the map by an id or name instead",
			name, types.TypeString(types.NewPointer(elem), types.RelativeTo(a.pass.Pkg)))
	}
	if key, ok := weakapi.WeakPointerElem(m.Key()); ok && reach.CanReach(m.Elem(), key) {
		keyType := types.TypeString(types.NewPointer(key), types.RelativeTo(a.pass.Pkg))
		if stores := a.backRefInserts(v); len(stores) > 0 {
			for _, st := range stores {
				a.report(st.pos, "values of %s reach their weak key %s: the value stored here holds %s, so the entry keeps its own key alive and is never dropped; store data that does not point back to the key",
					name, keyType, st.key.Name())
			}
			return
		}
		a.report(pos, "values of %s reach their weak key %s: each entry keeps its own key alive, so it is never dropped; store data that does not point back to the key",
			name, keyType)
	}
}

// A backRefInsert is a store into a weak-keyed map whose value holds the
// key's referent: m[weak.Make(s)] = &meta{sess: s}.
type backRefInsert struct {
	pos token.Pos
	key *types.Var // the referent of the weak key
}

// backRefInserts returns, in source order, the stores into the map v whose
// key is weak.Make(x) (directly or through a local defined once) and whose
// value holds x strongly (holdsVar): the stores that create the back
// reference, where rule 3 is reported rather than at v's declaration.
func (a *checker) backRefInserts(v *types.Var) []backRefInsert {
	if v == nil || a.ix.vars[v] == nil {
		return nil
	}
	var out []backRefInsert
	for _, ins := range a.ix.vars[v].inserts {
		if ins.value == nil {
			continue
		}
		x := a.weakMadeOf(ins.key, ins.fn)
		if x == nil {
			continue
		}
		if vc, ok := ins.cur.FindNode(ins.value); ok && holdsVar(a.pass.TypesInfo, vc, x) {
			out = append(out, backRefInsert{pos: ins.pos, key: x})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}

// instantiatedVars returns the package-level variables and the fields of
// the package's types whose type is an instantiated generic struct (T[A]
// or *T[A]), in source order.
func (a *checker) instantiatedVars() []*types.Var {
	var vs []*types.Var
	is := func(t types.Type) bool {
		n, ok := types.Unalias(derefType(t)).(*types.Named)
		if !ok || n.TypeArgs().Len() == 0 {
			return false
		}
		_, isStruct := n.Underlying().(*types.Struct)
		return isStruct
	}
	scope := a.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		if v, ok := scope.Lookup(name).(*types.Var); ok && is(v.Type()) {
			vs = append(vs, v)
		}
	}
	for f := range a.names.owner {
		if is(f.Type()) {
			vs = append(vs, f)
		}
	}
	sort.Slice(vs, func(i, j int) bool { return vs[i].Pos() < vs[j].Pos() })
	return vs
}
