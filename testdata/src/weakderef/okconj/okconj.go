// Package okconj checks comma-ok getters whose ok result is a condition
// that includes the nil test (v != nil && more): ok true still means the
// result is non-nil. Next to them, ok results that do not imply it.
package okconj

import "weak"

type Conn struct {
	Addr   string
	closed bool
	uses   int
}

// ok is the nil test and one more condition.
func open(w weak.Pointer[Conn]) (*Conn, bool) {
	c := w.Value()
	return c, c != nil && !c.closed
}

// Three conditions, kept in a variable first.
func busy(w weak.Pointer[Conn], limit int) (*Conn, bool) {
	c := w.Value()
	ok := c != nil && c.uses > 0 && c.uses < limit
	return c, ok
}

// The negation of a disjunction with the nil test.
func usable(w weak.Pointer[Conn]) (*Conn, bool) {
	c := w.Value()
	return c, !(c == nil || c.closed)
}

// Another condition first, then the nil test.
func enabled(w weak.Pointer[Conn], on bool) (*Conn, bool) {
	c := w.Value()
	return c, on && c != nil
}

func guarded(w weak.Pointer[Conn]) string {
	if c, ok := open(w); ok {
		return c.Addr
	}
	if c, ok := busy(w, 3); ok {
		return c.Addr
	}
	if c, ok := usable(w); ok {
		return c.Addr
	}
	if c, ok := enabled(w, true); ok {
		return c.Addr
	}
	return ""
}

// ok may be true with a nil result: a disjunction with the nil test.
func closedOrGone(w weak.Pointer[Conn]) (*Conn, bool) {
	c := w.Value()
	return c, c == nil || c.closed
}

// ok may be true with a nil result: the nil test or a flag.
func liveOrForced(w weak.Pointer[Conn], force bool) (*Conn, bool) {
	c := w.Value()
	return c, force || c != nil
}

func unguarded(w weak.Pointer[Conn]) string {
	if c, ok := closedOrGone(w); ok {
		return c.Addr // want `closedOrGone\(w\) may return nil`
	}
	if c, ok := liveOrForced(w, false); ok {
		return c.Addr // want `liveOrForced\(w, false\) may return nil`
	}
	return ""
}

// A bool check helper written as a negated disjunction guards its argument
// when true; the disjunction itself does not.
func alive(c *Conn) bool { return !(c == nil || c.closed) }

func stale(c *Conn) bool { return c == nil || c.closed }

func viaHelpers(w weak.Pointer[Conn]) string {
	c := w.Value()
	if alive(c) {
		return c.Addr
	}
	if stale(c) {
		return c.Addr // want `w.Value\(\) returns nil once the referent is garbage collected`
	}
	return ""
}
