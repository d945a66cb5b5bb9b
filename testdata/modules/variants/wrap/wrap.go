// Package wrap returns weak referents unchecked: its fact tells importers
// that Get may return nil. go vet vets it three times: as itself, and
// recompiled for the tests of base and of other, which it imports.
package wrap

import (
	"weak"

	"example.com/variants/base"
	"example.com/variants/other"
)

type Ref struct {
	p     weak.Pointer[base.Item]
	label string
}

func Make(it *base.Item) *Ref { return &Ref{p: weak.Make(it), label: other.Label(it.Name)} }

// Get returns the referent, nil once it is collected.
func (r *Ref) Get() *base.Item { return r.p.Value() }
