// Package sprites fills another package's weak cache and keeps, or does
// not keep, strong copies of what it put there; it imports no weak API.
package sprites

import "strongcache/xpkg/wcache"

type Sprite struct{ ID string }

type Sheet struct {
	c       *wcache.Cache[string, Sprite]
	history []*Sprite
	recent  [4]*Sprite
	n       int
	trimmed []*Sprite
}

// Positive: Put keeps the weak pointer in s.c; s.history keeps the sprite.
func (s *Sheet) Add(id string) *Sprite {
	sp := &Sprite{ID: id}
	s.c.Put(id, sp)
	s.history = append(s.history, sp) // want `sp is stored strongly in s.history, in the same s that holds its weak pointer`
	return sp
}

var all []*Sprite

// Positive: a package-level list beside another package's weak registry.
func Publish(sp *Sprite) {
	wcache.Register(sp.ID, sp)
	all = append(all, sp) // want `sp is held by a weak pointer and also stored strongly in all, a package-level variable`
}

var byID = map[string]*Sprite{}

// Positive: a checked getter of another package (by fact).
func (s *Sheet) Keep(id string) {
	sp, err := s.c.Find(id)
	if err != nil {
		return
	}
	byID[id] = sp // want `sp is held by a weak pointer and also stored strongly in byID\[id\], a package-level variable`
}

// Positive: a getter of another package that never returns nil (by fact).
func (s *Sheet) KeepMade(id string) {
	sp := s.c.GetOrCreate(id, func() *Sprite { return &Sprite{ID: id} })
	byID[id] = sp // want `sp is held by a weak pointer and also stored strongly in byID\[id\], a package-level variable`
}

// Quiet: a bounded ring of recent sprites.
func (s *Sheet) AddRecent(id string) {
	sp := &Sprite{ID: id}
	s.c.Put(id, sp)
	s.recent[s.n%len(s.recent)] = sp
	s.n++
}

// Quiet: a list the package trims.
func (s *Sheet) AddTrimmed(id string) {
	sp := &Sprite{ID: id}
	s.c.Put(id, sp)
	s.trimmed = append(s.trimmed, sp)
	if len(s.trimmed) > 8 {
		s.trimmed = s.trimmed[1:]
	}
}

// Quiet: a map local to the call.
func (s *Sheet) Batch(ids []string) int {
	made := map[string]*Sprite{}
	for _, id := range ids {
		sp := &Sprite{ID: id}
		s.c.Put(id, sp)
		made[id] = sp
	}
	return len(made)
}

// Quiet: kept in another sheet, not in the one whose cache holds it weakly.
func (s *Sheet) Mirror(other *Sheet, id string) {
	sp := &Sprite{ID: id}
	s.c.Put(id, sp)
	other.history = append(other.history, sp)
}
