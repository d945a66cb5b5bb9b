// Package app uses package sessions the way handlers do.
package app

import (
	"errors"
	"fmt"
	"io"
	"log"

	"weakderef/adv/sessions"
)

type Server struct {
	store *sessions.Store
}

// A1: unchecked wrapper result dereferenced.
func (s *Server) handleWho(w io.Writer, sid string) {
	sess := s.store.Peek(sid)
	fmt.Fprintln(w, sess.ID) // want `possible nil dereference`
}

// A2: quiet: checked wrapper result.
func (s *Server) handleWhoChecked(w io.Writer, sid string) {
	sess := s.store.Peek(sid)
	if sess == nil {
		fmt.Fprintln(w, "expired")
		return
	}
	fmt.Fprintln(w, sess.ID)
}

// A3: quiet: comma-ok.
func (s *Server) user(id string) string {
	sess, ok := s.store.Get(id)
	if !ok {
		return ""
	}
	return sess.ID
}

// A4: comma-ok ignored.
func (s *Server) userIgnoringOK(id string) string {
	sess, _ := s.store.Get(id)
	return sess.ID // want `possible nil dereference`
}

// A5: quiet: error-guarded result.
func (s *Server) lookup(id string) (string, error) {
	sess, err := s.store.Lookup(id)
	if err != nil {
		return "", err
	}
	return sess.ID, nil
}

// A6: error ignored.
func (s *Server) lookupIgnored(id string) string {
	sess, _ := s.store.Lookup(id)
	return sess.ID // want `possible nil dereference`
}

// A7: quiet: errors.Is helper guard.
func (s *Server) lookupIs(id string) string {
	sess, err := s.store.Lookup(id)
	if sessions.IsExpired(err) {
		return ""
	}
	if err != nil {
		log.Print(err)
		return ""
	}
	return sess.ID
}

// A8: quiet: error through a second wrapper.
func (s *Server) find(id string) string {
	sess, err := s.store.Find(id)
	if err != nil {
		return ""
	}
	return sess.ID
}

// A9: quiet: protobuf-style nil-safe getters on a possibly nil session.
func (s *Server) userName(id string) string {
	return s.store.Peek(id).GetUser().GetName()
}

// A10: a method of another package that dereferences its receiver.
func (s *Server) touch(id string) {
	s.store.Peek(id).Touch() // want `possible nil dereference`
}

// A11: quiet: nil-safe with short circuit.
func (s *Server) empty(id string) bool {
	return s.store.Peek(id).IsZero()
}

// A12: another package's method that dereferences on every path.
func (s *Server) age(id string) string {
	return s.store.Peek(id).Age().String() // want `possible nil dereference`
}

// A13: quiet: nil-safe function of another package.
func (s *Server) describe(id string) string {
	return sessions.Describe(s.store.Peek(id))
}

// A14: function of another package that dereferences its parameter.
func (s *Server) expire(id string) {
	sessions.Expire(s.store.Peek(id)) // want `possible nil dereference`
}

// A15: struct returned by another package's function.
func (s *Server) resolve(id string) string {
	res := s.store.Resolve(id)
	return res.Sess.ID // want `possible nil dereference: s.store.Resolve\(id\).Sess may be nil`
}

// A16: quiet: struct field checked.
func (s *Server) resolveChecked(id string) string {
	res := s.store.Resolve(id)
	if res.Sess == nil {
		return ""
	}
	return res.Sess.ID
}

// A17: a deep chain of getters in another package.
func (s *Server) current(id string) string {
	return s.store.Current(id).ID // want `possible nil dereference`
}

// A18: quiet: errors.As style early return with a wrapped error.
func (s *Server) findOrErr(id string) (string, error) {
	sess, err := s.store.Find(id)
	if errors.Is(err, sessions.ErrExpired) {
		return "", fmt.Errorf("login again: %w", err)
	} else if err != nil {
		return "", err
	}
	return sess.ID, nil
}
