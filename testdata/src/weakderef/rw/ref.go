package rw

import (
	"errors"

	"github.com/weaklint/weaklint/runtimeweak"
)

// Sessions are tracked by weak references (runtimeweak.Ref), the way an
// application keeps an index of objects that others own.

type Session struct {
	User  string
	Admin bool
}

type Tracker struct {
	byID map[string]runtimeweak.Ref[Session]
	last runtimeweak.Ref[Session]
}

func (t *Tracker) user(id string) string {
	return t.byID[id].Value().User // want `possible nil dereference: t.byID\[id\].Value\(\) returns nil once the referent is garbage collected`
}

func (t *Tracker) lastIsAdmin() bool {
	s := t.last.Value()
	return s.Admin // want `possible nil dereference: t.last.Value\(\)`
}

func (t *Tracker) userChecked(id string) string {
	if s := t.byID[id].Value(); s != nil {
		return s.User
	}
	return ""
}

func userEarlyReturn(ref runtimeweak.Ref[Session]) string {
	s := ref.Value()
	if s == nil {
		return ""
	}
	return s.User
}

func isAdmin(ref runtimeweak.Ref[Session]) bool {
	s := ref.Value()
	return s != nil && s.Admin
}

func adminsOf(refs []runtimeweak.Ref[Session]) (n int) {
	for _, r := range refs {
		s := r.Value()
		if s == nil {
			continue
		}
		if s.Admin {
			n++
		}
	}
	return n
}

func recall(ref runtimeweak.Ref[Session]) string {
	if ref.Value() != nil {
		return ref.Value().User // want `ref.Value\(\) is called again after a nil check of an earlier call`
	}
	return ""
}

// Get reports a collected referent as an error: checking err guards s.
func userOrErr(ref runtimeweak.Ref[Session]) (string, error) {
	s, err := ref.Get()
	if err != nil {
		return "", err
	}
	return s.User, nil
}

func userIfLive(ref runtimeweak.Ref[Session]) string {
	if s, err := ref.Get(); !errors.Is(err, runtimeweak.ErrCollected) {
		return s.User
	}
	return ""
}

// A function of this package that hands the referent on unchecked makes its
// callers responsible (weakderef's summaries).
func current(t *Tracker) *Session { return t.last.Value() } // fact maybeNil(0): facts are checked in testdata/src/referents

func currentUser(t *Tracker) string {
	return current(t).User // want `possible nil dereference: current\(t\)`
}

// Look-alikes: a Value method that is not a weak reference's, and the
// referent's own fields.
type box struct{ s *Session }

func (b box) Value() *Session { return b.s }

func boxed(b box) string { return b.Value().User }

func strong(s *Session) runtimeweak.Ref[Session] {
	ref := runtimeweak.MakeRef(s, nil)
	_ = s.User
	return ref
}

// Get's pointer is nil when its error is not: the referents summary of
// runtimeweak's Get records that (nil only with ErrCollected), so ignoring
// the error is reported.
func userIgnoringErr(ref runtimeweak.Ref[Session]) string {
	s, _ := ref.Get()
	return s.User // want `possible nil dereference: ref.Get\(\) may return nil`
}
