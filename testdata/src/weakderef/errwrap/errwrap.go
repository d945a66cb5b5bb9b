// Package errwrap checks functions that return nil only with a non-nil
// error when that error is not a sentinel or a new error but one the
// function has just tested (if err != nil { return nil, err }).
package errwrap

import (
	"errors"
	"weak"
)

var errMiss = errors.New("miss")

type Blob struct{ Data []byte }

type Store struct {
	m       map[string]weak.Pointer[Blob]
	disk    func(string) (*Blob, error)
	lastErr error
}

// peek returns nil only with errMiss.
func (s *Store) peek(k string) (*Blob, error) {
	if b := s.m[k].Value(); b != nil {
		return b, nil
	}
	return nil, errMiss
}

// Load falls back to the disk; the disk's error is returned only when it
// is non-nil, so Load's result is nil only with an error.
func (s *Store) Load(k string) (*Blob, error) {
	b, err := s.peek(k)
	if err != nil {
		b, err = s.disk(k)
		if err != nil {
			return nil, err
		}
	}
	return b, nil
}

// LoadLoose returns a stored error that may be nil with the nil result.
func (s *Store) LoadLoose(k string) (*Blob, error) {
	b, err := s.peek(k)
	if err != nil {
		return nil, s.lastErr
	}
	return b, nil
}

func size(s *Store, k string) int {
	b, err := s.Load(k)
	if err != nil {
		return 0
	}
	return len(b.Data)
}

func sizeIgnoringErr(s *Store, k string) int {
	b, _ := s.Load(k)
	return len(b.Data) // want `possible nil dereference: s.Load\(k\) may return nil`
}

func sizeLoose(s *Store, k string) int {
	b, err := s.LoadLoose(k)
	if err != nil {
		return 0
	}
	return len(b.Data) // want `possible nil dereference: s.LoadLoose\(k\) may return nil`
}

// ensure validates b: nil only with a non-nil error, reason when it is set.
func ensure(b *Blob, reason error) error {
	if b == nil {
		if reason != nil {
			return reason
		}
		return errMiss
	}
	return nil
}

// ensureLoose returns reason, which may be nil, for a nil b.
func ensureLoose(b *Blob, reason error) error {
	if b == nil {
		return reason
	}
	return nil
}

func viaEnsure(p weak.Pointer[Blob], why error) int {
	b := p.Value()
	if err := ensure(b, why); err != nil {
		return 0
	}
	return len(b.Data)
}

func viaEnsureLoose(p weak.Pointer[Blob], why error) int {
	b := p.Value()
	if err := ensureLoose(b, why); err != nil {
		return 0
	}
	return len(b.Data) // want `possible nil dereference: p.Value\(\)`
}
