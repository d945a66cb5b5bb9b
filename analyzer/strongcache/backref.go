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
		a.checkBackRef(v.Pos(), a.names.of(v), m)
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
			a.checkBackRef(v.Pos(), a.names.of(v)+"."+f.Name(), m)
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

func (a *checker) checkBackRef(pos token.Pos, name string, m *types.Map) {
	if elem, ok := weakapi.WeakPointerElem(m.Elem()); ok && reach.CanReach(m.Key(), elem) {
		a.report(pos, "keys of %s hold a strong pointer to the weak referent %s: each entry keeps its own value alive, so the weak pointer never dies; key the map by an id or name instead",
			name, types.TypeString(types.NewPointer(elem), types.RelativeTo(a.pass.Pkg)))
	}
	if key, ok := weakapi.WeakPointerElem(m.Key()); ok && reach.CanReach(m.Elem(), key) {
		a.report(pos, "values of %s reach their weak key %s: each entry keeps its own key alive, so it is never dropped; store data that does not point back to the key",
			name, types.TypeString(types.NewPointer(key), types.RelativeTo(a.pass.Pkg)))
	}
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
