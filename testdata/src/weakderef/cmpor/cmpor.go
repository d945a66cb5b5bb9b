// Package cmpor picks the first live tile with cmp.Or, which returns its
// first non-nil argument and nil when every argument is nil: the result
// may be reclaimed when every argument may be, and is non-nil when one
// argument surely is.
package cmpor

import (
	"cmp"
	"weak"
)

type Tile struct{ Data []byte }

type Store struct{ tiles map[int]weak.Pointer[Tile] }

func (s *Store) cached(k int) *Tile { return s.tiles[k].Value() }

func (s *Store) Overzoom(k, parent int) []byte {
	t := cmp.Or(s.cached(k), s.cached(parent))
	return t.Data // want `possible nil dereference: cmp.Or\(s.cached\(k\), s.cached\(parent\)\) may return nil`
}

func (s *Store) OrNil(k int) []byte {
	t := cmp.Or(s.cached(k), nil)
	return t.Data // want `possible nil dereference: cmp.Or\(s.cached\(k\), nil\) may return nil`
}

// first returns cmp.Or's result: its callers get a possibly reclaimed tile.
func (s *Store) first(keys ...int) *Tile {
	var a, b *Tile
	if len(keys) > 0 {
		a = s.cached(keys[0])
	}
	if len(keys) > 1 {
		b = s.cached(keys[1])
	}
	return cmp.Or(a, b)
}

func (s *Store) FirstData(keys ...int) []byte {
	return s.first(keys...).Data // want `possible nil dereference: s.first\(keys...\) may return nil`
}

// The placeholder is not a referent: the result is never nil.
func (s *Store) Best(placeholder *Tile, k, parent int) []byte {
	return cmp.Or(s.cached(k), s.cached(parent), placeholder).Data
}

func (s *Store) OrNew(k int) []byte {
	return cmp.Or(s.cached(k), &Tile{}).Data
}

// The parent's tile is checked before: the result is that tile or another.
func (s *Store) OrChecked(k, parent int) []byte {
	p := s.cached(parent)
	if p == nil {
		return nil
	}
	return cmp.Or(s.cached(k), p).Data
}

func (s *Store) Checked(k, parent int) []byte {
	if t := cmp.Or(s.cached(k), s.cached(parent)); t != nil {
		return t.Data
	}
	return nil
}

// cmp.Or of other values than pointers says nothing of referents.
func Name(a, b string) string { return cmp.Or(a, b, "none") }
