// Package weakref builds values around a tile in another package: the
// users in weakrefuse see only the signatures.
package weakref

import "weak"

type Tile struct{ Pix []byte }

// Ref holds the tile weakly, with metadata copied out of it.
type Ref struct {
	wp    weak.Pointer[Tile]
	bytes int
}

func MakeRef(t *Tile) Ref { return Ref{wp: weak.Make(t), bytes: len(t.Pix)} }

// Box holds the tile strongly.
type Box struct{ t *Tile }

func MakeBox(t *Tile) Box { return Box{t: t} }
