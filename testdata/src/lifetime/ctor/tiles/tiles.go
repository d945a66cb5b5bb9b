// Package tiles exports constructors that package use calls (rule 4 across
// packages): those returning a new object they keep nowhere carry a fact,
// so that weak.Make of their result in an importer is reported as weak.Make
// of &Tile{} is.
package tiles

import "weak"

type Tile struct {
	Name string
	Data []byte
}

// NewTile returns a new tile that it keeps nowhere.
func NewTile(name string, data []byte) *Tile { // want NewTile:"fresh"
	return &Tile{Name: name, Data: data}
}

// NewBlank is fresh through NewTile.
func NewBlank() *Tile { return NewTile("blank", nil) } // want NewBlank:"fresh"

// Box is generic: the fact is on the generic function, whatever the
// instance called.
type Box[T any] struct{ V T }

func NewBox[T any](v T) *Box[T] { return &Box[T]{V: v} } // want NewBox:"fresh"

var registry = map[string]*Tile{}

// NewRegistered keeps every tile in a package-level registry: not fresh.
func NewRegistered(name string) *Tile {
	t := &Tile{Name: name}
	registry[name] = t
	return t
}

type Set struct {
	tiles []*Tile
	weak  []weak.Pointer[Tile]
}

// NewIn stores the tile in a field of its argument: not fresh.
func NewIn(s *Set, name string) *Tile {
	t := &Tile{Name: name}
	s.tiles = append(s.tiles, t)
	return t
}

// New is a method that returns a new tile it keeps nowhere.
func (s *Set) New(name string) *Tile { return &Tile{Name: name} } // want New:"fresh"

// Add keeps the tile in the set: not fresh.
func (s *Set) Add(name string) *Tile {
	t := &Tile{Name: name}
	s.tiles = append(s.tiles, t)
	s.weak = append(s.weak, weak.Make(t))
	return t
}

// newTile is fresh but unexported: no importer can call it, no fact.
func newTile() *Tile { return &Tile{} }

// Default returns the same tile each time.
func Default() *Tile { return defaultTile }

var defaultTile = newTile()

// Draw uses t.
func Draw(t *Tile) int { return len(t.Data) }
