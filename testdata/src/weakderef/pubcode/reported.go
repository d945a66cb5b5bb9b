package pubcode

import "weak"

// Shapes of public code that weakderef rightly reports; they stay
// reported.

type instanceMaterial struct {
	root weak.Pointer[instanceMaterial]
	lit  bool
}

// selectRoot re-calls Value after checking an earlier call, and returns
// the second result: its callers may get nil (a game engine's material).
func (m *instanceMaterial) selectRoot() *instanceMaterial {
	if m.root.Value() != nil {
		return m.root.Value() // want `m.root.Value\(\) is called again after a nil check of an earlier call`
	}
	return m
}

func setLit(m *instanceMaterial) {
	m.selectRoot().lit = true // want `possible nil dereference: m.selectRoot\(\) may return nil`
}

// A walk up the parents that stops at a strong pointer: unequal to it does
// not mean non-nil.
type element struct {
	parent weak.Pointer[element]
	depth  int
}

func indent(row, list *element) int {
	parent := row.parent.Value()
	if parent == nil {
		return 0
	}
	n := 0
	for parent != list {
		n++
		parent = parent.parent.Value() // want `possible nil dereference: parent.parent.Value\(\) returns nil`
	}
	return n
}

// An assertion that takes any: a nil *host in an interface is not nil, and
// the test runs in debug builds only, so it checks nothing.
type host struct{ width int }

const debug = false

func ensureNotNil(target any) {
	if debug && target == nil {
		panic("nil")
	}
}

type console struct{ host weak.Pointer[host] }

func (c *console) width() int {
	h := c.host.Value()
	ensureNotNil(h)
	return h.width // want `possible nil dereference: c.host.Value\(\) returns nil`
}
