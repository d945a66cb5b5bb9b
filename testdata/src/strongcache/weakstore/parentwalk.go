package weakstore

import "weak"

// Walking up a weak parent chain reassigns a local variable (cur = p):
// nothing that outlives the call holds the parent, so the parent's weak
// pointer can still die (adv4 walk.go's ".." and Path loops, adv4
// widget.Root, adv6 serialize.Breadcrumb). Only stores into fields,
// elements, map entries or package-level variables count for rule 1.

type dirNode struct {
	name   string
	parent weak.Pointer[dirNode]
	top    *dirNode
	trail  []*dirNode
}

func (n *dirNode) Parent() *dirNode { return n.parent.Value() }

// Quiet: the parameter is reassigned on the way up.
func resolveUp(cur *dirNode, ups int) *dirNode {
	for range ups {
		p := cur.Parent()
		if p == nil {
			return nil
		}
		cur = p
	}
	return cur
}

// Quiet: a local is reassigned on the way up.
func (n *dirNode) Root() *dirNode {
	p := n
	for {
		q := p.Parent()
		if q == nil {
			return p
		}
		p = q
	}
}

// Quiet: the same with a weak pointer read inline.
func (n *dirNode) Path() []string {
	var parts []string
	cur := n
	for cur != nil {
		parts = append(parts, cur.name)
		next := cur.parent.Value()
		cur = next
	}
	return parts
}

// advance moves a cursor to next: it only reassigns its parameter.
func advance(cur, next *dirNode) *dirNode {
	if next != nil {
		cur = next
	}
	return cur
}

// Quiet: a helper that reassigns its parameter stores nothing either.
func (n *dirNode) Up() string {
	p := n.Parent()
	return advance(n, p).name
}

// Positive: the local is a step on the way into a field of the node that
// holds the weak pointer.
func (n *dirNode) pinTop() {
	p := n.Parent()
	top := p
	n.top = top // want `p is stored strongly in n.top, in the same n that holds its weak pointer`
}

// Positive: appended to a slice field of the same node.
func (n *dirNode) remember() {
	cur := n.Parent()
	for cur != nil {
		n.trail = append(n.trail, cur) // want `cur is stored strongly in n.trail, in the same n that holds its weak pointer`
		cur = cur.Parent()
	}
}
