// Package ptreq holds pointers compared with each other: where two
// pointers are equal and one is known non-nil, so is the other; where
// nothing says either is non-nil, both may be nil.
package ptreq

import "weak"

type Node struct {
	Tag    string
	parent weak.Pointer[Node]
}

func (n *Node) Parent() *Node { return n.parent.Value() }

// pa is non-nil and pb equals it on the surviving path.
func CommonParent(a, b *Node) string {
	pa, pb := a.Parent(), b.Parent()
	if pa == nil || pa != pb {
		return ""
	}
	return pb.Tag
}

// The same, checked the other way round.
func CommonParentNeg(a, b *Node) string {
	pa, pb := a.Parent(), b.Parent()
	if !(pa != nil && pa == pb) {
		return ""
	}
	return pb.Tag + pa.Tag
}

// x is known non-nil before the comparison.
func SameAsChecked(a, b *Node) string {
	if x, y := a.Parent(), b.Parent(); x != nil && x == y {
		return y.Tag
	}
	return ""
}

// The comparison comes first, the nil check of the other after.
func CheckedAfter(a, b *Node) string {
	x, y := a.Parent(), b.Parent()
	if x == y && x != nil {
		return y.Tag
	}
	return ""
}

// known was checked earlier; y equals it.
func EqualsKnown(a, b *Node) string {
	known := a.Parent()
	if known == nil {
		return ""
	}
	if y := b.Parent(); y == known {
		return y.Tag
	}
	return ""
}

// A switch on the pointer.
func SwitchKnown(a, b *Node) string {
	known := a.Parent()
	if known == nil {
		return ""
	}
	switch y := b.Parent(); y {
	case known:
		return y.Tag
	}
	return ""
}

// Equal, but both may be nil.
func OnlyEqual(a, b *Node) string {
	pa, pb := a.Parent(), b.Parent()
	if pa != pb {
		return ""
	}
	return pb.Tag // want `possible nil dereference: b.Parent\(\) may return nil`
}

// The surviving path has pa different from pb: pb may be nil.
func Different(a, b *Node) string {
	pa, pb := a.Parent(), b.Parent()
	if pa == nil || pa == pb {
		return ""
	}
	return pb.Tag // want `possible nil dereference: b.Parent\(\) may return nil`
}

// Different from a non-nil pointer says nothing.
func NotKnown(a, b *Node) string {
	known := a.Parent()
	if known == nil {
		return ""
	}
	if y := b.Parent(); y != known {
		return y.Tag // want `possible nil dereference: b.Parent\(\) may return nil`
	}
	return ""
}

// The other pointer was checked on another branch only.
func CheckedElsewhere(a, b *Node, strict bool) string {
	x, y := a.Parent(), b.Parent()
	if strict && x == nil {
		return ""
	}
	if x == y {
		return y.Tag // want `possible nil dereference: b.Parent\(\) may return nil`
	}
	return ""
}
