// Package nilguard branches on the results of nil-safe methods of packages
// without weak code (user, conn) called on possibly reclaimed referents: a
// branch that excludes the constant such a method returns for nil guards
// the receiver as a nil check would; one that keeps it does not.
package nilguard

import (
	"weak"

	"weakderef/nilguard/conn"
	"weakderef/nilguard/user"
)

type entry struct {
	user   weak.Pointer[user.User]
	online bool
}

type member struct {
	ref weak.Pointer[conn.Conn]
}

// Past !IsAdmin() { continue }, IsAdmin() was true: u != nil.
func admins(es []entry) []string {
	var out []string
	for _, e := range es {
		u := e.user.Value()
		if !u.IsAdmin() {
			continue
		}
		out = append(out, u.Mention())
	}
	return out
}

// GetID() == "" (or anything else) continues: past it GetID() != "".
func roles(es []entry) []user.Role {
	var out []user.Role
	for _, e := range es {
		u := e.user.Value()
		if u.GetID() == "" || !e.online {
			continue
		}
		out = append(out, u.Role)
	}
	return out
}

// Closed(nil) is true: past if c.Closed() { continue }, c != nil.
func broadcast(ms []member, s string) {
	for _, m := range ms {
		c := m.ref.Value()
		if c.Closed() {
			continue
		}
		c.Send(s)
	}
}

// The result kept in a variable, then tested.
func named(wp weak.Pointer[user.User]) string {
	u := wp.Value()
	id := u.GetID()
	if id == "" {
		return ""
	}
	return u.Name
}

// A switch on the result, with the nil constant's case leaving.
func bySwitch(wp weak.Pointer[user.User]) string {
	u := wp.Value()
	switch u.GetID() {
	case "":
		return ""
	case "root":
		return u.Name
	}
	return u.Mention()
}

// An ordered comparison that excludes GetScore(nil) == -1.
func score(wp weak.Pointer[user.User]) string {
	u := wp.Value()
	if u.GetScore() >= 0 {
		return u.Name
	}
	return ""
}

// IsGuest(nil) is true: if !u.IsGuest() { ... } holds u != nil.
func greet(wp weak.Pointer[user.User]) string {
	u := wp.Value()
	if !u.IsGuest() && u.Name != "" {
		return "hello " + u.Name
	}
	return "hello"
}

// The second result of Lookup is false for nil.
func lookup(wp weak.Pointer[user.User], key string) string {
	u := wp.Value()
	if _, ok := u.Lookup(key); !ok {
		return ""
	}
	return u.Name
}

// Near misses.

// IsAdmin() true guards only its branch.
func outside(wp weak.Pointer[user.User]) user.Role {
	u := wp.Value()
	if u.IsAdmin() {
		_ = u.Name
	}
	return u.Role // want `possible nil dereference`
}

// IsMuted(nil) is true: past !IsMuted() { continue }, IsMuted() was true,
// which a nil u gives too.
func unmuted(es []entry) []string {
	var out []string
	for _, e := range es {
		u := e.user.Value()
		if !u.IsMuted() {
			continue
		}
		out = append(out, u.Name) // want `possible nil dereference`
	}
	return out
}

// GetID() != "" returns: the surviving path has GetID() == "", nil's.
func emptyID(wp weak.Pointer[user.User]) string {
	u := wp.Value()
	if u.GetID() != "" {
		return ""
	}
	return u.Name // want `possible nil dereference`
}

// Label is nil-safe, but its nil result is not a constant syntax knows.
func label(wp weak.Pointer[user.User]) string {
	u := wp.Value()
	if u.Label() == "" {
		return ""
	}
	return u.Name // want `possible nil dereference`
}

// Either returns true or false for nil.
func either(wp weak.Pointer[user.User]) string {
	u := wp.Value()
	if !u.Either(true) {
		return ""
	}
	return u.Name // want `possible nil dereference`
}

// Active is not nil-safe: the call itself is the use.
func active(wp weak.Pointer[user.User]) string {
	u := wp.Value()
	if !u.Active() { // want `possible nil dereference`
		return ""
	}
	return u.Name
}

// A score below zero is what nil gives.
func lowScore(wp weak.Pointer[user.User]) string {
	u := wp.Value()
	if u.GetScore() < 0 {
		return u.Name // want `possible nil dereference`
	}
	return ""
}

// A nil-safe method of this package, read from its syntax.
type Session struct{ ID string }

// Alive(nil) is false.
func (s *Session) Alive() bool { return s != nil && s.ID != "" }

func sessionIDs(ws []weak.Pointer[Session]) []string {
	var ids []string
	for _, w := range ws {
		s := w.Value()
		if !s.Alive() {
			continue
		}
		ids = append(ids, s.ID)
	}
	return ids
}

func deadSessionIDs(ws []weak.Pointer[Session]) []string {
	var ids []string
	for _, w := range ws {
		s := w.Value()
		if s.Alive() {
			continue
		}
		ids = append(ids, s.ID) // want `possible nil dereference`
	}
	return ids
}

// A function's pointer parameter, and a method's: IsAdmin(nil) and
// g.Has(nil) are false.
func adminNames(es []entry) []string {
	var out []string
	for _, e := range es {
		u := e.user.Value()
		if !user.IsAdmin(u) {
			continue
		}
		out = append(out, u.Name)
	}
	return out
}

func memberName(g *user.Group, wp weak.Pointer[user.User]) string {
	u := wp.Value()
	if g.Has(u) {
		return u.Name
	}
	return u.ID // want `possible nil dereference`
}
