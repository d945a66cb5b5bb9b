// Package pb is written like generated protobuf code and imports no weak
// package: derefs gives its nil-safe getters facts from their syntax, and
// the other methods keep the assumption that they dereference their
// receiver.
package pb

type User struct {
	Name  string
	Addr  *Addr
	seen  int
	Roles []string
}

type Addr struct{ City string }

func (m *User) GetName() string {
	if m == nil {
		return ""
	}
	return m.Name
}

func (m *User) GetAddr() *Addr {
	if m != nil {
		return m.Addr
	}
	return nil
}

func (m *User) GetRoles() []string {
	if m == nil || len(m.Roles) == 0 {
		return nil
	}
	return m.Roles
}

func (x *Addr) GetCity() string {
	if x != nil {
		return x.City
	}
	return ""
}

// Touch dereferences its receiver.
func (m *User) Touch() { m.seen++ }

// Describe checks for nil but falls through to the dereference.
func (m *User) Describe() string {
	if m == nil {
		println("nil user")
	}
	return m.Name
}

// HasName is a nil-safe predicate: the && chain stops at m != nil.
func (m *User) HasName() bool { return m != nil && m.Name != "" }

// NamedFirst tests the field before the receiver: it dereferences it.
func (m *User) NamedFirst() bool { return m.Name != "" && m != nil }
