// Package user has no weak code. Its nil-safe methods return a known
// constant for a nil receiver (derefs' NilResults, from syntax), so that a
// caller's branch on the result can exclude nil.
package user

type Role int

const (
	RoleMember Role = iota
	RoleAdmin
)

type User struct {
	ID    string
	Name  string
	Role  Role
	Muted bool
	Score int
}

// IsAdmin(nil) is false.
func (u *User) IsAdmin() bool { return u != nil && u.Role == RoleAdmin }

// IsGuest(nil) is true.
func (u *User) IsGuest() bool { return u == nil || u.ID == "" }

// GetID(nil) is "".
func (u *User) GetID() string {
	if u == nil {
		return ""
	}
	return u.ID
}

// IsMuted(nil) is true.
func (u *User) IsMuted() bool {
	if u == nil {
		return true
	}
	return u.Muted
}

// GetScore(nil) is -1.
func (u *User) GetScore() int {
	if u != nil {
		return u.Score
	}
	return -1
}

// Lookup(nil) is nil, false.
func (u *User) Lookup(key string) (*User, bool) {
	if u == nil {
		return nil, false
	}
	return u, key == u.ID
}

// Label is nil-safe, but what it returns for nil is not a constant that
// syntax knows.
func (u *User) Label() string {
	if u == nil {
		return defaultLabel
	}
	return u.Name
}

const defaultLabel = "anonymous"

// Either returns one of two constants for nil: no NilResult.
func (u *User) Either(flag bool) bool {
	if u == nil {
		if flag {
			return true
		}
		return false
	}
	return u.Muted
}

// Active is not nil-safe: it dereferences its receiver.
func (u *User) Active() bool { return !u.Muted && u.ID != "" }

func (u *User) Mention() string { return "@" + u.Name }

// IsAdmin(nil) is false, for a function's pointer parameter.
func IsAdmin(u *User) bool { return u != nil && u.Role == RoleAdmin }

type Group struct{ members map[string]bool }

// Has(nil) is false for its parameter u (argument 1).
func (g *Group) Has(u *User) bool {
	if u == nil {
		return false
	}
	return g.members[u.ID]
}
