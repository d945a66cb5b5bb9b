package pb

type User struct {
	Name string
	Addr *Addr
	seen int
}

type Addr struct{ City string }

type List[T any] struct{ items []T }

// Touch dereferences its receiver.
func (m *User) Touch() { m.seen++ }

// Describe checks for nil but falls through to the dereference.
func (m *User) Describe() string {
	if m == nil {
		println("nil user")
	}
	return m.Name
}

func (l *List[T]) First() T { return l.items[0] }
