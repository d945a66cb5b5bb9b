// Package docs declares methods that reject a bad argument with an error
// before they use their receiver: a nil receiver panics whenever the
// arguments are valid, so they dereference it (derefs' rejectsArgument).
// Beside them, methods that test the receiver before they use it, and early
// returns that are not errors. The package imports weak, so its facts come
// from SSA. (Adapted from adversarial round 8: g_pay ledger.Batch.Add,
// g_sym snapshot.Snapshot.Line.)
package docs

import (
	"errors"
	"fmt"
	"weak"
)

var (
	ErrBadLine  = errors.New("bad line")
	ErrNil      = errors.New("nil snapshot")
	ErrNotReady = errors.New("not ready")
)

type Snapshot struct {
	lines []string
	ready bool
}

type Doc struct{ snap weak.Pointer[Snapshot] }

// Snapshot returns the weak referent unchecked.
func (d *Doc) Snapshot() *Snapshot { return d.snap.Value() }

// Line rejects a negative n before it reads s.lines.
func (s *Snapshot) Line(n int) (string, error) {
	if n < 0 || n >= len(s.lines) {
		return "", fmt.Errorf("line %d: %w", n, ErrBadLine)
	}
	return s.lines[n], nil
}

// Append validates its argument, then uses s.
func (s *Snapshot) Append(line string) error {
	if err := validate(line); err != nil {
		return err
	}
	s.lines = append(s.lines, line)
	return nil
}

func validate(line string) error {
	if line == "" {
		return ErrBadLine
	}
	return nil
}

// SafeLine tests s first: nil-safe.
func (s *Snapshot) SafeLine(n int) (string, error) {
	if s == nil {
		return "", ErrNil
	}
	if n < 0 || n >= len(s.lines) {
		return "", ErrBadLine
	}
	return s.lines[n], nil
}

// Ready is nil-safe.
func (s *Snapshot) Ready() bool { return s != nil && s.ready }

// ReadyLine branches on s (through Ready) before it uses it: nil-safe.
func (s *Snapshot) ReadyLine(n int) (string, error) {
	if !s.Ready() {
		return "", ErrNotReady
	}
	return s.lines[n], nil
}

// CheckedAppend rejects s itself through a helper that takes it: nil-safe.
func (s *Snapshot) CheckedAppend(line string) error {
	if err := usable(s); err != nil {
		return err
	}
	s.lines = append(s.lines, line)
	return nil
}

func usable(s *Snapshot) error {
	if s == nil {
		return ErrNil
	}
	return nil
}

// Count returns early with a value, not an error: not known to
// dereference s on every path.
func (s *Snapshot) Count(max int) int {
	if max <= 0 {
		return 0
	}
	return min(max, len(s.lines))
}

// Trim returns a nil error early: not a rejection.
func (s *Snapshot) Trim(n int) error {
	if n <= 0 {
		return nil
	}
	s.lines = s.lines[:n]
	return nil
}
