// Package lib yields structs that carry a weak referent in a field: the
// iterator copies parent.Value() into Hit.Parent unchecked, so a
// consumer's hit.Parent may be nil.
package lib

import (
	"iter"
	"weak"
)

type Node struct {
	parent weak.Pointer[Node]
	kids   []*Node
	Name   string
}

func (n *Node) Label() string { return n.Name }

type Hit struct {
	Leaf   *Node
	Parent *Node
	Depth  int
}

type Tree struct{ root *Node }

// Query yields every leaf with its parent as it is now (nil once the
// parent is collected), from a recursive closure.
func (t *Tree) Query() iter.Seq[Hit] { // want Query:"maybeNil\\(0:calls 0 with 0.1\\)"
	return func(yield func(Hit) bool) {
		var walk func(n *Node, d int) bool
		walk = func(n *Node, d int) bool {
			if n.kids == nil {
				return yield(Hit{Leaf: n, Parent: n.parent.Value(), Depth: d})
			}
			for _, k := range n.kids {
				if !walk(k, d+1) {
					return false
				}
			}
			return true
		}
		walk(t.root, 0)
	}
}

// Live yields only the hits whose parent is still there.
func (t *Tree) Live() iter.Seq[Hit] {
	return func(yield func(Hit) bool) {
		for _, n := range t.root.kids {
			p := n.parent.Value()
			if p == nil {
				continue
			}
			if !yield(Hit{Leaf: n, Parent: p}) {
				return
			}
		}
	}
}

// Each calls f with each hit, its parent unchecked.
func (t *Tree) Each(f func(Hit)) { // want Each:"maybeNil\\(calls 1 with 0.1\\)"
	for _, n := range t.root.kids {
		f(Hit{Leaf: n, Parent: n.parent.Value()})
	}
}
