// Package holder keeps weak pointers to a type of plain, a package that the
// vet gate skips: its types come from the compiler's export data.
package holder

import (
	"weak"

	"example.com/weakbugs/plain"
)

type Holder struct{ p weak.Pointer[plain.Point] }

func (h *Holder) X() int { return h.p.Value().X }

func (h *Holder) Label() string {
	p := h.p.Value()
	if p == nil {
		return ""
	}
	return plain.Label(p)
}
