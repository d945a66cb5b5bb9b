// Package recall holds the re-call race: checking one Value() call and
// using another.
package recall

import "weak"

type Node struct{ Name string }

func recallInIf(p weak.Pointer[Node]) string {
	if p.Value() != nil {
		return p.Value().Name // want `p.Value\(\) is called again after a nil check of an earlier call: the referent may be reclaimed in between; call Value once and use the checked result`
	}
	return ""
}

func recallAfterEarlyReturn(p weak.Pointer[Node]) string {
	if p.Value() == nil {
		return ""
	}
	return p.Value().Name // want `p.Value\(\) is called again after a nil check`
}

type holder struct{ ref weak.Pointer[Node] }

func (h *holder) recallField() {
	if h.ref.Value() != nil && len(h.ref.Value().Name) > 0 { // want `h.ref.Value\(\) is called again`
		h.ref.Value().Name = "x" // want `h.ref.Value\(\) is called again`
	}
}

func differentPointers(p, q weak.Pointer[Node]) string {
	if p.Value() != nil {
		return q.Value().Name // want `possible nil dereference: q.Value\(\)`
	}
	return ""
}

func keptOnce(p weak.Pointer[Node]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

type listener struct{ seen int }

func (l *listener) handle(e int) { l.seen += e }

// No fix here: one Value() for the whole loop would keep the listener alive
// as long as events come.
func recallInLoop(p weak.Pointer[listener], events chan int) {
	if p.Value() == nil {
		return
	}
	for e := range events {
		p.Value().handle(e) // want `p.Value\(\) is called again`
	}
}

// A method value: the fix keeps one call of it.
func recallMethodValue(p weak.Pointer[Node]) string {
	get := p.Value
	if get() != nil {
		return get().Name // want `get\(\) is called again`
	}
	return ""
}

type getterHolder struct{ ref weak.Pointer[Node] }

func (h *getterHolder) node() *Node { return h.ref.Value() }

// A getter wrapping Value: its own message, and the same fix.
func recallGetter(h *getterHolder) string {
	if h.node() != nil {
		return h.node().Name // want `h.node\(\) is called again after a nil check of an earlier call: it returns a weak referent`
	}
	return ""
}

// The same call checked twice in one block: the first fix covers the uses
// up to the second check, which has its own fix.
func recallChecksAgain(p weak.Pointer[Node]) string {
	if p.Value() == nil {
		return ""
	}
	s := p.Value().Name // want `p.Value\(\) is called again`
	if p.Value() != nil {
		s += p.Value().Name // want `p.Value\(\) is called again`
	}
	return s
}

// Two `== nil` checks of the same call in one block: the fixes, applied
// together, declare two variables (one `node :=` each would not compile).
func recallTwoChecksInBlock(p weak.Pointer[Node]) string {
	if p.Value() == nil {
		return ""
	}
	s := p.Value().Name // want `p.Value\(\) is called again`
	if p.Value() == nil {
		return s
	}
	return s + p.Value().Name // want `p.Value\(\) is called again`
}

// The earlier call was only dereferenced, not checked: both are uses, and
// the message does not speak of a check.
func recallAfterDeref(p weak.Pointer[Node]) string {
	a := p.Value().Name       // want `possible nil dereference: p.Value\(\) returns nil`
	return a + p.Value().Name // want `p.Value\(\) is called again after an earlier call's result was dereferenced`
}
