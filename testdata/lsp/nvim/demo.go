// Package demo is the file the Neovim end-to-end test opens: weakderef
// reports the unchecked dereference, and the test's edit fixes it.
package demo

import "weak"

// T is a weakly referenced value.
type T struct{ Name string }

// Name returns the name of a value that may already be collected.
func Name(p weak.Pointer[T]) string {
	return p.Value().Name
}

// Keep makes a weak pointer to a value the caller holds.
func Keep(v *T) weak.Pointer[T] {
	return weak.Make(v)
}
