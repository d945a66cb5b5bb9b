package local

import (
	"errors"
	"weak"
)

type Node struct {
	Kind     string
	Parent   weak.Pointer[Node]
	Children []*Node
}

// P1: quiet: walk up parents.
func Depth(n *Node) int {
	d := 0
	for p := n.Parent.Value(); p != nil; p = p.Parent.Value() {
		d++
	}
	return d
}

// P2: parent used unchecked.
func ParentKind(n *Node) string {
	return n.Parent.Value().Kind // want `possible nil dereference`
}

// P3: quiet: && chain.
func ParentIs(n *Node, kind string) bool {
	p := n.Parent.Value()
	return p != nil && p.Kind == kind
}

// P4: quiet: || chain.
func ParentIsNot(n *Node, kind string) bool {
	p := n.Parent.Value()
	return p == nil || p.Kind != kind
}

// P5: quiet: panic on nil.
func MustParent(n *Node) *Node {
	p := n.Parent.Value()
	if p == nil {
		panic("orphan node")
	}
	return p
}

func (n *Node) ParentKindOK() string {
	return MustParent(n).Kind
}

// P6: error-returning accessor used with early return.
var ErrOrphan = errors.New("orphan")

func parentOf(n *Node) (*Node, error) {
	if p := n.Parent.Value(); p != nil {
		return p, nil
	}
	return nil, ErrOrphan
}

func Siblings(n *Node) ([]*Node, error) {
	p, err := parentOf(n)
	if err != nil {
		return nil, err
	}
	return p.Children, nil
}

// P7: the error is checked for a different value.
func SiblingsWrong(n *Node) []*Node {
	p, err := parentOf(n)
	if errors.Is(err, errGone) {
		return nil
	}
	return p.Children // want `possible nil dereference`
}

// P8: a chain declared caller-first, 12 deep.
func Grand(n *Node) string { return g1(n).Kind } // want `possible nil dereference`
func g1(n *Node) *Node     { return g2(n) }
func g2(n *Node) *Node     { return g3(n) }
func g3(n *Node) *Node     { return g4(n) }
func g4(n *Node) *Node     { return g5(n) }
func g5(n *Node) *Node     { return g6(n) }
func g6(n *Node) *Node     { return g7(n) }
func g7(n *Node) *Node     { return g8(n) }
func g8(n *Node) *Node     { return g9(n) }
func g9(n *Node) *Node     { return g10(n) }
func g10(n *Node) *Node    { return g11(n) }
func g11(n *Node) *Node    { return n.Parent.Value() }

// P9: quiet: checked after a comparison with a strong pointer.
func IsChildOf(n, parent *Node) bool {
	p := n.Parent.Value()
	if p == parent {
		return p.Kind != ""
	}
	return false
}

// P10: index through pointer to array.
type Page struct{ Slots [4]*Node }

func firstSlot(w weak.Pointer[[4]*Node]) *Node {
	return w.Value()[0] // want `possible nil dereference`
}

// P11: quiet: value passed to a nil-safe helper of the package.
func kindOf(n *Node) string {
	if n == nil {
		return ""
	}
	return n.Kind
}

func ParentKindSafe(n *Node) string { return kindOf(n.Parent.Value()) }

// P12: passed to a helper that dereferences.
func kindOfUnsafe(n *Node) string { return n.Kind }

func ParentKindUnsafe(n *Node) string {
	return kindOfUnsafe(n.Parent.Value()) // want `possible nil dereference`
}

// P13: quiet: assigned then checked in an else-if chain.
func Describe(n *Node) string {
	p := n.Parent.Value()
	if n.Kind == "root" {
		return "root"
	} else if p == nil {
		return "orphan"
	}
	return p.Kind
}

// P14: checked in one branch, used in the other.
func DescribeWrong(n *Node) string {
	p := n.Parent.Value()
	if p != nil {
		println("has parent")
	} else {
		return p.Kind // want `possible nil dereference`
	}
	return ""
}
