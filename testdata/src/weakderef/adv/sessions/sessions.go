// Package sessions is a small session store of the kind web services keep:
// sessions are held weakly so that logged-out users' state is reclaimed.
// Its exported getters are used by package app (in another package).
package sessions

import (
	"errors"
	"sync"
	"time"
	"weak"
)

var ErrExpired = errors.New("session expired")

type User struct {
	ID   int
	Name string
}

// GetName is a protobuf-style getter: nil-safe.
func (u *User) GetName() string {
	if u == nil {
		return ""
	}
	return u.Name
}

type Session struct {
	ID       string
	user     *User
	lastSeen time.Time
}

// GetUser is nil-safe, as generated protobuf getters are.
func (s *Session) GetUser() *User {
	if s == nil {
		return nil
	}
	return s.user
}

// Touch dereferences its receiver.
func (s *Session) Touch() { s.lastSeen = time.Now() }

// Age dereferences its receiver on every path.
func (s *Session) Age() time.Duration { return time.Since(s.lastSeen) }

// IsZero is nil-safe through a short-circuit.
func (s *Session) IsZero() bool { return s == nil || s.ID == "" }

type Store struct {
	mu   sync.Mutex
	byID map[string]weak.Pointer[Session]
}

// Peek returns the session or nil once it is collected.
func (st *Store) Peek(id string) *Session {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.byID[id].Value()
}

// Get reports whether the session is still alive.
func (st *Store) Get(id string) (*Session, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	s := st.byID[id].Value()
	return s, s != nil
}

// Lookup returns ErrExpired when the session is gone.
func (st *Store) Lookup(id string) (*Session, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if s := st.byID[id].Value(); s != nil {
		return s, nil
	}
	return nil, ErrExpired
}

// Find wraps Lookup with more context.
func (st *Store) Find(id string) (*Session, error) {
	s, err := st.Lookup(id)
	if err != nil {
		return nil, errors.Join(err, errors.New("find "+id))
	}
	return s, nil
}

// Result bundles a session with where it came from.
type Result struct {
	Sess   *Session
	Source string
}

// Resolve returns the session inside a struct, unchecked.
func (st *Store) Resolve(id string) Result {
	return Result{Sess: st.Peek(id), Source: "memory"}
}

// IsExpired is an errors.Is helper.
func IsExpired(err error) bool { return errors.Is(err, ErrExpired) }

// Peeker is a deep chain of forwarding getters.
func (st *Store) peek1(id string) *Session   { return st.Peek(id) }
func (st *Store) peek2(id string) *Session   { return st.peek1(id) }
func (st *Store) Current(id string) *Session { return st.peek2(id) }

// Describe is nil-safe on its parameter.
func Describe(s *Session) string {
	if s == nil {
		return "<expired>"
	}
	return s.ID
}

// Expire dereferences its parameter.
func Expire(s *Session) { s.lastSeen = time.Time{} }
