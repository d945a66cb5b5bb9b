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
	boxes  map[*node]weak.Pointer[box]  // want `entries of pass.boxes are never removed`
	owners map[*box]weak.Pointer[node] // want `entries of pass.owners are never removed`
}

func (p *pass) layout(n *node, b *box) {
	p.boxes[n] = weak.Make(b)  // want `n is stored strongly in p.boxes\[n\]`
	p.owners[b] = weak.Make(n) // want `b is stored strongly in p.owners\[b\]`
	for i, c := range n.kids {
		cb := b.kids[i]
		p.layout(c, cb) // want `layout stores c strongly \(in p.boxes\[n\]\), in the same p that holds its weak pointer`
	}
}


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

func Track(id int, n *node) {
	index[id] = weak.Make(n)
	keep(n) // want `keep stores n strongly \(in second\), a package-level variable`
}

func Untrack(id int) { delete(index, id) }
