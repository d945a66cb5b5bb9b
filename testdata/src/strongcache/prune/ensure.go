package prune

import "weak"

// Lazy initialization through a helper of the same package is not
// pruning: assigning to *m when *m is nil removes nothing.

type sprite struct{ px []byte }

// ensure initializes the map it is given, once, with an early return.
func ensure[K comparable, V any](m *map[K]V) {
	if *m != nil {
		return
	}
	*m = map[K]V{}
}

// Positive: only ever initialized and filled.
type spriteAtlas struct {
	sprites map[uint64]weak.Pointer[sprite] // want `entries of spriteAtlas.sprites are never removed`
}

func (a *spriteAtlas) Add(id uint64, s *sprite) { // want Add:`keeps\(weak 1 in \[\-1\]\)`
	ensure(&a.sprites)
	a.sprites[id] = weak.Make(s)
}

// resetIfLarge replaces the map when it holds too much: that drops entries.
func resetIfLarge[K comparable, V any](m *map[K]V, max int) {
	if len(*m) > max {
		*m = make(map[K]V)
	}
}

// Quiet: the helper empties the map again and again.
type sheet struct {
	sprites map[uint64]weak.Pointer[sprite]
}

func (s *sheet) Add(id uint64, sp *sprite) { // want Add:`keeps\(weak 1 in \[\-1\]\)`
	ensure(&s.sprites)
	resetIfLarge(&s.sprites, 1024)
	s.sprites[id] = weak.Make(sp)
}
