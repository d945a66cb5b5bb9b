// Package nilsafe has no weak code: derefs exports facts only for what
// package nilsafe's rules find from syntax (nil-safe methods, pointer
// parameters dereferenced on every path).
package nilsafe

type User struct {
	Name string
	Addr *Addr
}

type Addr struct{ City string }

func (m *User) GetName() string { // want GetName:`^derefs\[\] nil0->0=""$`
	if m == nil {
		return ""
	}
	return m.Name
}

func (m *User) GetAddr() *Addr { // want GetAddr:`^derefs\[\] nil0->0=nil$`
	if m != nil {
		return m.Addr
	}
	return nil
}

// Generic receivers too.
type List[T any] struct{ items []T }

func (l *List[T]) Len() int { // want Len:`^derefs\[\] nil0->0=0$`
	if l == nil {
		return 0
	}
	return len(l.items)
}

// Constants returned for a nil receiver (NilResults): a predicate, each
// constant literal of a return, none for what syntax does not know.
func (m *User) Valid() bool { return m != nil && m.Name != "" } // want Valid:`^derefs\[\] nil0->0=false$`

func (m *User) Missing() bool { return m == nil || m.Addr == nil } // want Missing:`^derefs\[\] nil0->0=true$`

func (m *User) Lookup(k string) (*Addr, int, error) { // want Lookup:`^derefs\[\] nil0->0=nil nil0->1=-1$`
	if m == nil {
		return nil, -1, errNil
	}
	return m.Addr, len(m.Name), nil
}

var errNil error

func (m *User) Default() string { // want Default:`^derefs\[\]$`
	if m == nil {
		return defaultName
	}
	return m.Name
}

const defaultName = "?"

func (m *User) Either(ok bool) bool { // want Either:`^derefs\[\]$`
	if m == nil {
		if ok {
			return true
		}
		return false
	}
	return ok
}

func (m *User) Tail() string { // want Tail:`^derefs\[\]$`
	if m != nil {
		return m.Name
	}
	println("nil")
	return ""
}

// Dereferences a nil receiver (falls through): assumed, no fact.
func (m *User) Logged() string {
	if m == nil {
		println("nil user")
	}
	return m.Name
}

// Uses the nil receiver.
func (m *User) Init() {
	if m == nil {
		m.init()
		return
	}
}

func (m *User) init() {}

// Nil-safe in effect, but not one of the rule's shapes: no fact (the
// SSA-based facts are for packages with weak code only).
func (m *User) City() string {
	if a := m.GetAddr(); a != nil {
		return a.City
	}
	return ""
}

// Unexported: no fact.
func (m *User) name() string {
	if m == nil {
		return ""
	}
	return m.Name
}

// Parameters dereferenced on every path, as syntax shows.
func Copy(dst, src *User) { *dst = *src } // want Copy:"derefs\\[0 1\\]"

func (m *User) Move(to *Addr) { m.Addr.City = to.City } // want Move:"derefs\\[0 1\\]"

func (m *User) Rename(name string, from *User) { // want Rename:"derefs\\[0 2\\]"
	m.Name = name + from.Name
}

// Dereferenced in a branch only, or after a nil check: not dereferenced
// (CityOf has a fact for the constant it returns for nil).
func MaybeCopy(dst, src *User, ok bool) {
	if ok {
		*dst = *src
	}
}

func CityOf(a *Addr) string { // want CityOf:`^derefs\[\] nil0->0=""$`
	if a == nil {
		return ""
	}
	return a.City
}

// Constants returned for a nil pointer parameter (the receiver is 0).
func IsNamed(m *User) bool { return m != nil && m.Name != "" } // want IsNamed:`^derefs\[\] nil0->0=false$`

func (m *User) Same(o *User) bool { // want Same:`^derefs\[0\] nil1->0=false$`
	if o == nil {
		return false
	}
	return m.Name == o.Name
}

func Pick(a, b *User) *User { // want Pick:`^derefs\[\] nil1->0=nil$`
	if b != nil {
		return a
	}
	return nil
}

// Not a constant, a second return, an else after !=: no fact.
func Either(a, b *User) *User {
	if a == nil {
		return b
	}
	return a
}

func Twice(a *User, ok bool) bool {
	if a == nil {
		if ok {
			return true
		}
		return false
	}
	return ok
}

func Else(a *User) bool {
	if a != nil {
		println()
	} else {
		return true
	}
	return false
}
