package strongcache

import (
	"go/types"
)

// names gives the variables the analyzer reports on their display names:
// "cache" for a package-level variable, "cache.byName" for the field byName
// of the struct type cache (or of the package-level variable cache whose
// type is an anonymous struct).
type names struct {
	owner map[*types.Var]string // field (origin) -> name of its struct's type or variable
	typ   map[*types.Var]*types.TypeName
}

func newNames(pkg *types.Package) *names {
	n := &names{owner: map[*types.Var]string{}, typ: map[*types.Var]*types.TypeName{}}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.TypeName:
			n.addFields(obj.Name(), obj.Type(), obj, 0)
		case *types.Var:
			n.addFields(obj.Name(), obj.Type(), nil, 0)
		}
	}
	return n
}

func (n *names) addFields(prefix string, t types.Type, tn *types.TypeName, depth int) {
	if depth > 2 {
		return
	}
	s, ok := types.Unalias(t).Underlying().(*types.Struct)
	if !ok {
		return
	}
	if depth > 0 || tn == nil {
		// An anonymous struct: only record fields not yet known.
		if _, named := types.Unalias(t).(*types.Named); named {
			return
		}
	}
	for f := range s.Fields() {
		if _, ok := n.owner[f]; !ok {
			n.owner[f] = prefix
			if tn != nil {
				n.typ[f] = tn
			}
		}
		n.addFields(prefix+"."+f.Name(), f.Type(), tn, depth+1)
	}
}

// of returns the display name of a package-level variable or a field.
func (n *names) of(v *types.Var) string {
	if !v.IsField() {
		return v.Name()
	}
	if owner, ok := n.owner[v]; ok {
		return owner + "." + v.Name()
	}
	return v.Name()
}

// ownerType returns the named struct type that declares field v, if known.
func (n *names) ownerType(v *types.Var) *types.TypeName { return n.typ[v] }
