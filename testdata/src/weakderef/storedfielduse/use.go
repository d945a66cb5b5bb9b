// Package storedfielduse: another package's getter that returns a field
// stored unchecked is, through its fact, a source of possibly reclaimed
// referents; the field's record itself is its package's own.
package storedfielduse

import "weakderef/storedfields"

func HP(r *storedfields.Recorder) int {
	return r.Focused().HP // want `r.Focused\(\) may return nil`
}

func HPChecked(r *storedfields.Recorder) int {
	if e := r.Focused(); e != nil {
		return e.HP
	}
	return r.FocusedOr().HP
}
