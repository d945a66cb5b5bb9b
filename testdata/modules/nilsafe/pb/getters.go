// Package pb is written like generated protobuf code and imports nothing
// weak: go vet's gate skips it, and writes facts for its nil-safe getters
// (those of package nilsafe's rule) as derefs does without the gate. The
// getters come before their types (user.go), so their object paths number
// them among methods declared in two files.
package pb

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

func (x *Addr) GetCity() string {
	if x == nil || x.City == "" {
		return "?"
	}
	return x.City
}

func (l *List[T]) Len() int {
	if l == nil {
		return 0
	}
	return len(l.items)
}
