// Package backref holds fixtures for rule 3: keys or values that point back to the referent.
package backref

import "weak"

type T struct{ id int }

type key struct {
	obj  *T
	kind int
}

type node struct {
	parent *T
	label  string
}

type plainKey struct {
	name string
	kind int
}

type info struct {
	size  int
	owner weak.Pointer[T]
}

var byObj map[*T]weak.Pointer[T] // want `keys of byObj hold a strong pointer to the weak referent \*T`

var byKey map[key]weak.Pointer[T] // want `keys of byKey hold a strong pointer to the weak referent \*T`

var attrs map[weak.Pointer[T]]*T // want `values of attrs reach their weak key \*T`

var nodes map[weak.Pointer[T]]node // want `values of nodes reach their weak key \*T`

type registry struct {
	children map[weak.Pointer[T]][]*node   // want `values of registry.children reach their weak key \*T`
	byPair   map[[2]*T]weak.Pointer[T]     // want `keys of registry.byPair hold a strong pointer`
	byName   map[string]weak.Pointer[T]    // Negative: a plain key
	byPlain  map[plainKey]weak.Pointer[T]  // Negative: a key struct without pointers
	sizes    map[weak.Pointer[T]]int       // Negative: small values
	infos    map[weak.Pointer[T]]info      // Negative: values refer to the key weakly
	labels   map[weak.Pointer[T]]string    // Negative: strings
	byLabel  map[*plainKey]weak.Pointer[T] // Negative: a pointer key that does not reach T
	anyKey   map[any]weak.Pointer[T]       // Negative: interfaces are not looked into
	// A key that points to a node that points to T keeps T alive too.
	byNode map[*node]weak.Pointer[T] // want `keys of registry.byNode hold a strong pointer`
}

var registries = map[int]*registry{}

// Uses keep the fields alive.
func use(r *registry) int {
	return len(r.byName) + len(r.byPlain) + len(r.sizes) + len(r.infos) + len(r.labels) + len(r.anyKey) + len(r.byLabel) + len(r.byNode) + len(r.children) + len(r.byPair)
}

// Reported once, at the declaration (rule 3), not again at each store of
// the referent as a key next to its own weak pointer (rule 1).
var self = map[*T]weak.Pointer[T]{} // want `keys of self hold a strong pointer to the weak referent \*T`

func putSelf(v *T) { self[v] = weak.Make(v) }

func delSelf(v *T) { delete(self, v) }

// A generic side table points back only once instantiated.
type table[K, V any] struct {
	m map[weak.Pointer[K]]V
}

var conns table[T, *T] // want `values of conns.m reach their weak key \*T`

var sizes table[T, int]

// A generic map that points back in its declaration is reported there only.
type selfTable[K any] struct {
	m map[*K]weak.Pointer[K] // want `keys of selfTable.m hold a strong pointer to the weak referent \*K`
}

var selfs selfTable[T]
