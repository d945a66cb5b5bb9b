package storedfields

import "weak"

type Tile struct{ Z int }

func (t *Tile) Key() int { return t.Z }

type entry struct{ ref weak.Pointer[Tile] }

type Candidate struct {
	Key  int
	Tile *Tile
}

type Cache struct{ entries map[int]*entry }

func (c *Cache) Candidates() []Candidate {
	out := make([]Candidate, 0, len(c.entries))
	for k, e := range c.entries {
		out = append(out, Candidate{
			Key:  k,
			Tile: e.ref.Value(),
		})
	}
	return out
}

func Victims(cands []Candidate) []int {
	var out []int
	for _, c := range cands {
		if c.Tile.Key() > 3 { // want `field Candidate.Tile may be nil`
			out = append(out, c.Key)
		}
	}
	return out
}

// Checked in the loop, then only checked ones kept in a local slice: quiet.
func Largest(cands []Candidate) int {
	alive := cands[:0:0]
	for _, c := range cands {
		if c.Tile == nil {
			continue
		}
		alive = append(alive, c)
	}
	best := 0
	for _, c := range alive {
		if z := c.Tile.Key(); z > best {
			best = z
		}
	}
	sortBy(alive, func(i, j int) bool { return alive[i].Tile.Key() > alive[j].Tile.Key() })
	return best
}

func sortBy(cs []Candidate, less func(i, j int) bool) { _ = less(0, 0) }

// A candidate built here from a strong pointer: quiet.
func Single(t *Tile) int {
	c := Candidate{Key: 1, Tile: t}
	return c.Tile.Key()
}

// A struct made by the function: what it stored is known: quiet.
func Fresh(t *Tile) int {
	c := &Candidate{Tile: t}
	keep(c)
	return c.Tile.Key()
}

func keep(*Candidate) {}

// Indexed directly.
func First(cands []Candidate) int {
	return cands[0].Tile.Key() // want `field Candidate.Tile may be nil`
}

func FirstChecked(cands []Candidate) int {
	if len(cands) == 0 || cands[0].Tile == nil {
		return 0
	}
	return cands[0].Tile.Key()
}
