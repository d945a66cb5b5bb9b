// Package backedges walks up weak parent links in loops: the value a loop
// carries to its next turn was dereferenced on the way to the back edge
// (had it been nil, that turn would have panicked), so its next use is not
// one; a value dereferenced on some paths only still is.
package backedges

import (
	"iter"
	"weak"
)

type BBox struct{ X, Y int }

type Node struct {
	parent weak.Pointer[Node]
	bounds BBox
}

// Lineage's p.parent reads the parent that p.bounds dereferenced.
func (n *Node) Lineage(maxHops int) iter.Seq[BBox] {
	return func(yield func(BBox) bool) {
		p := n
		for i := 0; i < maxHops; i++ {
			p = p.parent.Value()
			if !yield(p.bounds) { // want `possible nil dereference: p.parent.Value\(\) returns nil`
				return
			}
		}
	}
}

func (n *Node) SumX(hops int) int {
	p := n
	s := 0
	for i := 0; i < hops; i++ {
		p = p.parent.Value()
		s += p.bounds.X // want `possible nil dereference: p.parent.Value\(\) returns nil`
	}
	return s
}

// SumEven dereferences the parent on every other turn only: the next
// turn's p.parent may meet a nil.
func (n *Node) SumEven(hops int) int {
	p := n
	s := 0
	for i := 0; i < hops; i++ {
		p = p.parent.Value() // want `possible nil dereference: p.parent.Value\(\) returns nil`
		if i%2 == 0 {
			s += p.bounds.X // want `possible nil dereference: p.parent.Value\(\) returns nil`
		}
	}
	return s
}

// Root stops at the first missing parent.
func (n *Node) Root() *Node {
	p := n
	for {
		q := p.parent.Value()
		if q == nil {
			return p
		}
		p = q
	}
}
