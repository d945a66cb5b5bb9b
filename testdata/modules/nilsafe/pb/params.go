package pb

// Greeting dereferences u on every path: derefs exports a fact from its
// syntax, which the gate writes for the skipped pb too.
func Greeting(u *User) string { return "hello " + u.Name }

// Label checks u for nil, so does not dereference it, and returns "" for
// nil: a fact from its syntax (a nil result).
func Label(u *User) string {
	if u == nil {
		return ""
	}
	return u.Name
}

// CopyFrom dereferences its receiver and o.
func (m *User) CopyFrom(o *User) { m.Name = o.Name }
