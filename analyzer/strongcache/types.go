package strongcache

import (
	"go/types"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// holdsWeak reports whether a value of type t is, or directly contains, a
// weak pointer: weak.Pointer[T], a struct with such a field (possibly
// nested), a pointer to such a struct, or a slice or array of those. Those are the element types of a
// "weak map" whose dead entries must be pruned.
func holdsWeak(t types.Type) bool {
	return weakWithin(t, true, 0)
}

// weakKey reports whether a map key of type t holds a weak pointer in its
// own value: weak.Pointer[T], or a struct or array of them. Unlike
// holdsWeak it does not look behind pointers: a key *Node is a strong
// reference to its node, which stays alive as long as the entry does,
// whatever weak pointers the node keeps to other objects (its parent). Only
// a key that is itself weak can die while its entry remains.
func weakKey(t types.Type) bool {
	return weakWithin(t, false, 0)
}

// weakWithin is holdsWeak, or weakKey if behindRefs is false: it then
// looks only into the value itself, not behind pointers or slices.
func weakWithin(t types.Type, behindRefs bool, depth int) bool {
	if depth > 3 {
		return false
	}
	if weakapi.IsWeakPointer(t) {
		return true
	}
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Struct:
		for f := range u.Fields() {
			if weakWithin(f.Type(), behindRefs, depth+1) {
				return true
			}
		}
	case *types.Pointer:
		if _, ok := u.Elem().Underlying().(*types.Struct); ok && behindRefs {
			return weakWithin(u.Elem(), behindRefs, depth+1)
		}
	case *types.Slice:
		return behindRefs && weakWithin(u.Elem(), behindRefs, depth+1) // a subscriber list per key
	case *types.Array:
		return u.Len() > 0 && weakWithin(u.Elem(), behindRefs, depth+1)
	}
	return false
}

// holdsPointers reports whether a value of type t keeps other objects
// alive: pointers, slices, maps, channels, functions and interfaces, or
// structs and arrays holding them. Strings are not counted: a map of
// strings is a "map of small values" whose cost is its own entries only.
// Weak pointers do not keep anything alive.
func holdsPointers(t types.Type) bool {
	return holdsPointersDepth(t, 0)
}

func holdsPointersDepth(t types.Type, depth int) bool {
	if depth > 4 || weakapi.IsWeakPointer(t) {
		return false
	}
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return true
	case *types.Struct:
		for f := range u.Fields() {
			if holdsPointersDepth(f.Type(), depth+1) {
				return true
			}
		}
	case *types.Array:
		return u.Len() > 0 && holdsPointersDepth(u.Elem(), depth+1)
	}
	return false
}

// isSyncMap reports whether t is sync.Map or *sync.Map.
func isSyncMap(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == "sync" && obj.Name() == "Map"
}

// mapOf returns the map type underlying t (looking through one pointer), if any.
func mapOf(t types.Type) (*types.Map, bool) {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	m, ok := types.Unalias(t).Underlying().(*types.Map)
	return m, ok
}

// innerWeakMap returns the map type t when it is a weak map itself: the
// element of a nested weak map (map[string]map[int]weak.Pointer[V], one
// weak map per tenant). The outer map is pruned when the inner ones are.
func innerWeakMap(t types.Type) (*types.Map, bool) {
	m, ok := types.Unalias(t).Underlying().(*types.Map)
	if !ok || !holdsWeak(m.Elem()) && !weakKey(m.Key()) {
		return nil, false
	}
	return m, true
}

// weakMapsOf returns the weak map type that the elements of t are, when t
// holds weak maps: a map of weak maps (nested, one per tenant), or an
// array or slice of them (shards). Entries inserted and deleted through
// an element count for the variable holding them.
func weakMapsOf(t types.Type) (*types.Map, bool) {
	if t == nil {
		return nil, false
	}
	if p, ok := types.Unalias(t).Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Map:
		return innerWeakMap(u.Elem())
	case *types.Array:
		return innerWeakMap(u.Elem())
	case *types.Slice:
		return innerWeakMap(u.Elem())
	}
	return nil, false
}

// riskyKey reports whether map keys of type t are likely to come from input
// and so have no bound set by the program: strings, integers (ids), byte
// arrays (hashes), and structs made only of such fields and other plain
// values. Bounded or identity-like domains are not risky: bool, named
// string and integer types that have declared constants (enums), pointers
// (identity of objects the program already holds), interfaces (reflect.Type,
// types.Type and other type keys), channels and floats.
func riskyKey(t types.Type) bool {
	return riskyKeyDepth(t, 0)
}

func riskyKeyDepth(t types.Type, depth int) bool {
	if depth > 3 {
		return false
	}
	t = types.Unalias(t)
	switch u := t.Underlying().(type) {
	case *types.Basic:
		info := u.Info()
		if info&(types.IsString|types.IsInteger) == 0 {
			return false
		}
		if n, ok := t.(*types.Named); ok && hasConstants(n) {
			return false // an enum
		}
		return true
	case *types.Array:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && (b.Kind() == types.Byte || b.Kind() == types.Uint8)
	case *types.Struct:
		risky := false
		for f := range u.Fields() {
			if weakapi.IsWeakPointer(f.Type()) {
				return false // keyed by an object's identity
			}
			switch fu := f.Type().Underlying().(type) {
			case *types.Pointer, *types.Interface, *types.Chan, *types.Signature:
				return false // keyed by identity or by type: bounded by the program's objects
			case *types.Basic:
				if fu.Kind() == types.UnsafePointer {
					return false
				}
			}
			if riskyKeyDepth(f.Type(), depth+1) {
				risky = true
			}
		}
		return risky
	}
	return false
}

// hasConstants reports whether the package declaring n declares at least one
// constant of type n: such a type is used as an enumeration.
func hasConstants(n *types.Named) bool {
	pkg := n.Obj().Pkg()
	if pkg == nil {
		return false
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if c, ok := scope.Lookup(name).(*types.Const); ok && types.Identical(c.Type(), n) {
			return true
		}
	}
	return false
}

// isBoundedKey reports whether keys of type t have a domain that the
// program bounds: bool, an enumeration (a named type with declared
// constants) or reflect.Type.
func isBoundedKey(t types.Type) bool {
	t = types.Unalias(t)
	if n, ok := t.(*types.Named); ok {
		obj := n.Obj()
		if obj.Pkg() != nil && obj.Pkg().Path() == "reflect" && obj.Name() == "Type" {
			return true
		}
		if _, basic := n.Underlying().(*types.Basic); basic && hasConstants(n) {
			return true
		}
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}
