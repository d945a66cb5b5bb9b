// Package q holds p's items weakly.
package q

import (
	"weak"

	"example.com/inert/p"
)

type Holder struct{ w weak.Pointer[p.Item] }

// Title calls a nil-safe method on the referent: correct, known from x's
// fact, which reaches q through p.
func (h *Holder) Title() string { return h.w.Value().Title() }

// Name dereferences the referent unchecked: a bug.
func (h *Holder) Name() string { return h.w.Value().Name }
