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

// A candidate built here from a checked referent: quiet.
func Single(e *entry) int {
	t := e.ref.Value()
	if t == nil {
		return 0
	}
	c := Candidate{Key: 1, Tile: t}
	return c.Tile.Key()
}

// A struct made by the function: what it stored is known: quiet.
func Fresh(e *entry) int {
	if t := e.ref.Value(); t != nil {
		c := &Candidate{Tile: t}
		keep(c)
		return c.Tile.Key()
	}
	return 0
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

// A field of general use: mostly strong pointers, and once a referent
// unchecked (whose own use is reported where it is stored).
type Drawing struct{ Material *Tile }

var depth weak.Pointer[Tile]

func NewDrawing(m *Tile) *Drawing { return &Drawing{Material: m} }

func toDepth(d *Drawing) Drawing {
	c := *d
	c.Material = depth.Value()
	c.Material.Z = 0 // want `depth.Value\(\) returns nil`
	return c
}

// Not judged by the record: quiet.
func (d *Drawing) Z() int { return d.Material.Z }

// Calling the function that fills new candidates is no store into the
// ones read here.
func (c *Cache) Deepest() int {
	best := 0
	for _, cand := range c.Candidates() {
		if z := cand.Tile.Key(); z > best { // want `field Candidate.Tile may be nil: \(\*Cache\).Candidates stores e.ref.Value\(\)`
			best = z
		}
	}
	return best
}
