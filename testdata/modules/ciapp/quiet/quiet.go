// Package quiet has look-alikes that are correct: nothing here is reported.
package quiet

import "example.com/cilib/store"

func Name(s *store.Store, k string) string {
	u := s.Lookup(k)
	if u == nil {
		return ""
	}
	return u.Name
}

// Ref has a Value method but is no weak pointer: its result is never nil.
type Ref struct{ u store.User }

func (r *Ref) Value() *store.User { return &r.u }

func Label(r *Ref) string { return r.Value().Name }
