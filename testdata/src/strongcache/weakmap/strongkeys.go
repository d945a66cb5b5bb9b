package weakmap

import "weak"

// A map keyed by pointers to objects that themselves keep weak pointers
// (nodes with a weak link to their parent) is strong-keyed: the key keeps
// its node alive for as long as the entry is there, so no key dies and no
// dead entry accumulates (adv4 fsck's seen map[*inode.Inode]bool, adv5
// check's Info maps keyed by *ast.Node). Only a key that is weak itself,
// or a struct or array of weak pointers, makes a side table.

type fsNode struct {
	name   string
	parent weak.Pointer[fsNode]
}

func (n *fsNode) Parent() *fsNode { return n.parent.Value() }

// Quiet: a visited set keyed by nodes, filled with nodes read through
// their weak parent link too.
type fsck struct {
	seen map[*fsNode]bool
}

func (c *fsck) Run(nodes []*fsNode) int {
	dirs := 0
	for _, n := range nodes {
		if c.seen[n] {
			continue
		}
		c.seen[n] = true
		if p := n.Parent(); p != nil {
			dirs++
		}
	}
	return dirs
}

// Quiet: result tables of a pass, keyed by node, whose values hold no
// weak pointer (go/types.Info's shape).
type typeInfo struct {
	Types map[*fsNode]string
	Depth map[*fsNode]int
}

func (in *typeInfo) Record(n *fsNode, t string, depth int) {
	in.Types[n] = t
	in.Depth[n] = depth
}

// Quiet: a struct key holding a pointer to a node (by value, but the
// pointer in it is strong).
type edgeKey struct {
	from, to *fsNode
}

var edges = map[edgeKey]int{}

func Link(a, b *fsNode) { edges[edgeKey{a, b}]++ }

// Positive: a struct key that holds the weak pointer by value is a weak
// key: it dies with its referent and its entry stays.
type weakEdge struct {
	from weak.Pointer[fsNode]
	kind int
}

var weakEdges = map[weakEdge]int{} // want `entries of weakEdges are never removed: entries whose weak key died accumulate without bound`

func LinkWeak(a *fsNode, kind int) { weakEdges[weakEdge{weak.Make(a), kind}]++ }

// Positive: an array of weak pointers as the key, likewise.
var pairs = map[[2]weak.Pointer[fsNode]]bool{} // want `entries of pairs are never removed: entries whose weak key died accumulate without bound`

func Pair(a, b *fsNode) { pairs[[2]weak.Pointer[fsNode]{weak.Make(a), weak.Make(b)}] = true } // want Pair:`keeps\(weak 0 in \[\] global, weak 1 in \[\] global\)`
