// Package choice has calls that rule 1 could report for either of two
// arguments: the report names the first parameter, whatever the order in
// which maps are iterated (TestDeterministicChoice runs it several times).
package choice

import "weak"

type node struct{ kids []*node }

type box struct{ kids []*box }

// pass indexes nodes and boxes weakly, each by the other: layout keeps a
// weak pointer to b keyed by n and one to n keyed by b, so each is stored
// strongly (as a key) in the value that holds the other's weak pointer.
type pass struct {
	boxes  map[*node]weak.Pointer[box] // want `entries of pass.boxes are never removed`
	owners map[*box]weak.Pointer[node] // want `entries of pass.owners are never removed`
}

func (p *pass) layout(n *node, b *box) {
	p.boxes[n] = weak.Make(b)  // want `n is stored strongly in p.boxes\[n\]`
	p.owners[b] = weak.Make(n) // want `b is stored strongly in p.owners\[b\]`
	for i, c := range n.kids {
		cb := b.kids[i]
		p.layout(c, cb) // layout pins c itself: reported inside it (above), not again at its call
	}
}

// frame holds nodes and boxes weakly; its helper keep pins both: the call
// could be reported for either argument, and names the first.
type frame struct {
	nodes map[int]weak.Pointer[node]
	boxes map[int]weak.Pointer[box]
	pinN  []*node
	pinB  []*box
}

func (f *frame) keep(n *node, b *box) {
	f.pinB = append(f.pinB, b)
	f.pinN = append(f.pinN, n)
}

func (f *frame) Add(id int, n *node, b *box) { // want Add:`keeps\(weak 1 in \[\-1\], weak 2 in \[\-1\]\)`
	f.nodes[id] = weak.Make(n)
	f.boxes[id] = weak.Make(b)
	f.keep(n, b) // want `keep stores n strongly \(in f.pinN\), in the same f that holds its weak pointer`
}

func (f *frame) Remove(id int) { delete(f.nodes, id); delete(f.boxes, id) }

var (
	first  []*node
	second []*node
)

// keep stores its argument in two package-level lists: the report names
// the first declared.
func keep(n *node) {
	second = append(second, n)
	first = append(first, n)
}

var index = map[int]weak.Pointer[node]{}

func Track(id int, n *node) { // want Track:`keeps\(weak 1 in \[\] global\)`
	index[id] = weak.Make(n)
	keep(n) // want `keep stores n strongly \(in second\), a package-level variable`
}

func Untrack(id int) { delete(index, id) }
