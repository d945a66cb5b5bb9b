// Package use makes weak pointers to the results of another package's
// constructors (rule 4).
package use

import (
	"weak"

	"lifetime/ctor/plain"
	"lifetime/ctor/tiles"
)

type Server struct {
	placeholder weak.Pointer[tiles.Tile]
	box         weak.Pointer[tiles.Box[string]]
	plain       weak.Pointer[plain.Tile]
	set         tiles.Set
}

func (s *Server) Broken() {
	s.placeholder = weak.Make(tiles.NewTile("placeholder", []byte{0})) // want `weak.Make of a new object that nothing else keeps`
}

func (s *Server) BrokenChain() {
	s.placeholder = weak.Make(tiles.NewBlank()) // want `weak.Make of a new object that nothing else keeps`
}

func (s *Server) BrokenGeneric() {
	s.box = weak.Make(tiles.NewBox("one")) // want `weak.Make of a new object that nothing else keeps`
}

func (s *Server) BrokenMethod() {
	s.placeholder = weak.Make(s.set.New("x")) // want `weak.Make of a new object that nothing else keeps`
}

// BrokenLocal: the local adds nothing, nothing uses it after the call.
func (s *Server) BrokenLocal() {
	t := tiles.NewTile("local", nil)
	s.placeholder = weak.Make(t) // want `weak.Make of a new object that nothing else keeps`
}

func (s *Server) Registered() {
	s.placeholder = weak.Make(tiles.NewRegistered("r")) // quiet: the registry keeps it
}

func (s *Server) InSet() {
	s.placeholder = weak.Make(tiles.NewIn(&s.set, "r")) // quiet: the set keeps it
}

func (s *Server) Added() {
	s.placeholder = weak.Make(s.set.Add("r")) // quiet: the set keeps it
}

func (s *Server) Shared() {
	s.placeholder = weak.Make(tiles.Default()) // quiet: not a new object
}

// Kept returns the tile the weak pointer points to.
func (s *Server) Kept() *tiles.Tile {
	t := tiles.NewTile("kept", nil)
	s.placeholder = weak.Make(t) // quiet: t is returned
	return t
}

// UsedLater hands the tile to a call after making the weak pointer.
func (s *Server) UsedLater() int {
	t := tiles.NewTile("later", nil)
	s.placeholder = weak.Make(t) // quiet: t is used below
	return tiles.Draw(t)
}

// Plain's constructor is as fresh, but plain is not analyzed (the gate
// skips it): not reported.
func (s *Server) Plain() {
	s.plain = weak.Make(plain.New("p"))
}
