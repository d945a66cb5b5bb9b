package storedfields

import (
	"iter"
	"weak"
)

type Leaf struct{ n int }

func (p *Leaf) Len() int { return p.n }

type Pool struct{ pages map[int]weak.Pointer[Leaf] }

// Entries yields every page, nil for collected ones.
func (p *Pool) Entries() iter.Seq2[int, *Leaf] {
	return func(yield func(int, *Leaf) bool) {
		for id, w := range p.pages {
			if !yield(id, w.Value()) {
				return
			}
		}
	}
}

type PageCand struct {
	ID   int
	Page *Leaf
}

func (p *Pool) scan() []PageCand {
	var out []PageCand
	for id, pg := range p.Entries() {
		out = append(out, PageCand{ID: id, Page: pg})
	}
	return out
}

func (p *Pool) Sizes() []int {
	var out []int
	for _, c := range p.scan() {
		out = append(out, c.Page.Len()) // want `field PageCand.Page may be nil: \(\*Pool\).scan stores what p.Entries\(\) yields there without a nil check \(yielded.go:\d+\), and it may yield nil`
	}
	return out
}

func (p *Pool) LiveSizes() []int {
	var out []int
	for _, c := range p.scan() {
		if c.Page != nil {
			out = append(out, c.Page.Len())
		}
	}
	return out
}
