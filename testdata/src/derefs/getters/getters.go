// Package getters checks which parameters the derefs facts list.
package getters

import "weak"

type Msg struct {
	Name string
	ref  weak.Pointer[Msg]
}

// GetName is nil-safe, as generated protobuf getters are, and returns ""
// for nil (from its syntax, as in a package without weak code).
func (m *Msg) GetName() string { // want GetName:`^derefs\[\] nil0->0=""$`
	if m == nil {
		return ""
	}
	return m.Name
}

// Dereferencing the receiver is what is assumed without a fact: none.
func (m *Msg) SetName(s string) { m.Name = s }

func Copy(dst, src *Msg) { // want Copy:"derefs\\[0 1\\]"
	*dst = *src
}

// src is dereferenced on both branches (by different instructions); dst
// only on one.
func Maybe(dst, src *Msg) { // want Maybe:"derefs\\[1\\]"
	if dst != nil {
		dst.Name = src.Name
		return
	}
	_ = src.Name
}

// Value receivers and unexported functions export nothing.
func (m Msg) Len() int         { return len(m.Name) }
func unexported(m *Msg) string { return m.Name }

// Neither is dereferenced before the early return: no fact needed.
func Guarded(dst, src *Msg) {
	if dst == nil || src == nil {
		return
	}
	*dst = *src
}

// A parameter that a closure captures lives in a heap cell, and the body
// reads it through loads of the cell: those dereference it too.
func Captured(m *Msg, each func(func())) string { // want Captured:"derefs\\[0\\]"
	name := m.Name
	each(func() { m.Name += "!" })
	return name
}

// Once the closure assigns the variable, a load of the cell is not the
// parameter any more: no fact.
func CapturedAssigned(m *Msg, each func(func())) string {
	each(func() { m = nil })
	return m.Name
}
