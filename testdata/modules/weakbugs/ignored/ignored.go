// Package ignored holds //weaklint:ignore directives: one that silences a
// report, one left behind after a fix, one with a typo.
package ignored

import "weak"

type Conn struct{ Open bool }

// Pinned's caller keeps the referent alive: the report is silenced.
func Pinned(p weak.Pointer[Conn]) bool {
	return p.Value().Open //weaklint:ignore weakderef the caller keeps the referent alive
}

// Fixed was fixed; its directive was left behind.
func Fixed(p weak.Pointer[Conn]) bool {
	//weaklint:ignore weakderef the caller keeps the referent alive
	if c := p.Value(); c != nil {
		return c.Open
	}
	return false
}

var limit = 10 //weaklint:ignore weakdref a typo
