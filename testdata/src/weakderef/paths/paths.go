// Package paths checks values that are non-nil on every path to their use
// although no single check dominates it (correlated checks), next to
// look-alikes where one path lets nil through.
package paths

import "weak"

type Page struct {
	N    int
	Body string
}

// Neither missing: the first return handles both nil; past the second,
// the left one is nil, so the right one is not.
func leftOrRight(l, r weak.Pointer[Page]) int {
	x, y := l.Value(), r.Value()
	if x == nil && y == nil {
		return -1
	}
	if x == nil {
		return y.N
	}
	return x.N
}

// The same through a bool kept aside.
func viaFlag(l, r weak.Pointer[Page]) int {
	x, y := l.Value(), r.Value()
	have := x != nil
	if !have && y == nil {
		return -1
	}
	if have {
		return x.N
	}
	return y.N
}

// A switch whose first case handles both nil.
func viaSwitch(l, r weak.Pointer[Page]) string {
	x, y := l.Value(), r.Value()
	switch {
	case x == nil && y == nil:
		return ""
	case x != nil:
		return x.Body
	default:
		return y.Body
	}
}

// The same shape in a function that returns the survivor: no caller is
// told it may be nil.
func survivor(l, r weak.Pointer[Page]) *Page {
	x, y := l.Value(), r.Value()
	if x == nil && y == nil {
		return &Page{}
	}
	if x != nil {
		return x
	}
	return y
}

func useSurvivor(l, r weak.Pointer[Page]) int { return survivor(l, r).N }

// Both checked with ||: each is non-nil after the return (the walk's own
// facts).
func both(l, r weak.Pointer[Page]) int {
	x, y := l.Value(), r.Value()
	if x == nil || y == nil {
		return 0
	}
	return x.N + y.N
}

// Only "not both nil" is known: either may be.
func notBoth(l, r weak.Pointer[Page]) int {
	x, y := l.Value(), r.Value()
	if x == nil && y == nil {
		return 0
	}
	return x.N + // want `possible nil dereference: l.Value\(\)`
		y.N // want `possible nil dereference: r.Value\(\)`
}

// "At least one non-nil" with ||: the wrong one is used on one path.
func wrongOne(l, r weak.Pointer[Page]) int {
	x, y := l.Value(), r.Value()
	if x != nil || y != nil {
		if x == nil {
			return x.N // want `possible nil dereference: l.Value\(\)`
		}
		return x.N
	}
	return 0
}

// The check of one iteration does not carry to the next.
func perIteration(ps []weak.Pointer[Page]) int {
	n := 0
	for _, p := range ps {
		v := p.Value()
		if v != nil {
			n++
		}
		n += v.N // want `possible nil dereference: p.Value\(\)`
	}
	return n
}

// The fallback is made here when both are gone: non-nil on every path.
func fallback(l, r weak.Pointer[Page]) int {
	x := l.Value()
	if x == nil {
		x = r.Value()
		if x == nil {
			x = &Page{}
		}
	}
	return x.N
}

// The fallback may itself be nil.
func fallbackUnchecked(l, r weak.Pointer[Page]) int {
	x := l.Value()
	if x == nil {
		x = r.Value()
	}
	return x.N // want `possible nil dereference`
}

// The survivor picked into a variable: a phi of the two, each non-nil on
// the paths it comes from.
func picked(l, r weak.Pointer[Page]) int {
	x, y := l.Value(), r.Value()
	if x == nil && y == nil {
		return 0
	}
	p := x
	if x == nil {
		p = y
	}
	return p.N
}

// The same with the test inverted: p may be the nil one.
func pickedWrong(l, r weak.Pointer[Page]) int {
	x, y := l.Value(), r.Value()
	if x == nil && y == nil {
		return 0
	}
	p := x
	if x != nil {
		p = y
	}
	return p.N // want `possible nil dereference`
}
