package strongcache

import (
	"go/types"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// checkBackRefs reports rule 3: weak-valued maps whose keys hold the
// referent strongly, and weak-keyed maps whose values reach the key. Either
// way each entry keeps its own weak pointer's referent alive.
func (a *checker) checkBackRefs() {
	for _, v := range a.declaredMaps() {
		m, _ := mapOf(v.Type())
		name := a.names.of(v)
		if elem, ok := weakapi.WeakPointerElem(m.Elem()); ok && reachesPointerTo(m.Key(), elem) {
			a.report(v.Pos(), "keys of %s hold a strong pointer to the weak referent %s: each entry keeps its own value alive, so the weak pointer never dies; key the map by an id or name instead",
				name, types.TypeString(types.NewPointer(elem), types.RelativeTo(a.pass.Pkg)))
		}
		if key, ok := weakapi.WeakPointerElem(m.Key()); ok && reachesPointerTo(m.Elem(), key) {
			a.report(v.Pos(), "values of %s reach their weak key %s: each entry keeps its own key alive, so it is never dropped; store data that does not point back to the key",
				name, types.TypeString(types.NewPointer(key), types.RelativeTo(a.pass.Pkg)))
		}
	}
}
