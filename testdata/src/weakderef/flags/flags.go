// Package flags checks nil-ness carried in a bool set by constants in a
// branch (live := true; if v == nil { live = false }), in several shapes,
// next to look-alikes where the flag does not follow the check.
package flags

import "weak"

type Item struct{ N int }

// Cleared in the nil branch, tested negated.
func cleared(w weak.Pointer[Item]) int {
	v, ok := w.Value(), true
	if v == nil {
		ok = false
	}
	if !ok {
		return 0
	}
	return v.N
}

// Set in the non-nil branch, tested directly.
func set(w weak.Pointer[Item]) int {
	v := w.Value()
	found := false
	if v != nil {
		found = true
	}
	if found {
		return v.N
	}
	return 0
}

// Carried as "missing" through an if/else, then a second test.
func missing(w weak.Pointer[Item], dflt int) int {
	v := w.Value()
	var gone bool
	if v == nil {
		gone = true
	} else {
		gone = false
	}
	n := dflt
	if !gone {
		n = v.N
	}
	return n
}

// The flag is set on the wrong side.
func wrongSide(w weak.Pointer[Item]) int {
	v, ok := w.Value(), true
	if v != nil {
		ok = false
	}
	if !ok {
		return 0
	}
	return v.N // want `w.Value\(\) returns nil once the referent is garbage collected`
}

// The flag starts true and only another condition clears it.
func otherCondition(w weak.Pointer[Item], limit int) int {
	v, ok := w.Value(), true
	if limit < 0 {
		ok = false
	}
	if !ok {
		return 0
	}
	return v.N // want `w.Value\(\) returns nil once the referent is garbage collected`
}

// The flag is reset after the check, before the test.
func reset(w weak.Pointer[Item], force bool) int {
	v, ok := w.Value(), true
	if v == nil {
		ok = false
	}
	if force {
		ok = true
	}
	if ok {
		return v.N // want `w.Value\(\) returns nil once the referent is garbage collected`
	}
	return 0
}
