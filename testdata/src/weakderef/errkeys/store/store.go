// Package store returns referents guarded by errors that wrap sentinels
// (fmt.Errorf's %w, errors.Join) or are concrete error types that unwrap
// to one, and exports a helper that tests for them. (Adapted from
// adversarial round 3: a_ecs ecs/query.go, b_docs store, b_db orm.)
package store

import (
	"errors"
	"fmt"
	"weak"
)

var (
	ErrEvicted = errors.New("evicted")
	ErrNotOpen = errors.New("not open")
	ErrNoOwner = errors.New("no owner")
	ErrOther   = errors.New("other")
)

type Doc struct {
	Name  string
	owner weak.Pointer[Doc]
	info  weak.Pointer[Doc]
}

// EvictedError unwraps to ErrEvicted.
type EvictedError struct{ Name string }

func (e *EvictedError) Error() string { return e.Name + " evicted" }
func (e *EvictedError) Unwrap() error { return ErrEvicted }

// IsGone is true for both sentinels; its importers read its CheckFact.
func IsGone(err error) bool { // want IsGone:"checks\\( is0=\\[errors.Is\\(any\\) weakderef/errkeys/store.ErrEvicted weakderef/errkeys/store.ErrNotOpen\\] \\)"
	return errors.Is(err, ErrEvicted) || errors.Is(err, ErrNotOpen)
}

// Info wraps the sentinel with %w.
func (d *Doc) Info(open bool) (*Doc, error) { // want Info:"maybeNil\\(0 err=1 is store.ErrEvicted\\)"
	if !open {
		return nil, fmt.Errorf("info %s: %w", d.Name, ErrNotOpen)
	}
	i := d.info.Value()
	if i == nil {
		return nil, fmt.Errorf("info %s: %w", d.Name, ErrEvicted)
	}
	return i, nil
}

// Owner joins its sentinel with the cause.
func (d *Doc) Owner() (*Doc, error) { // want Owner:"maybeNil\\(0 err=1 is \\*store.EvictedError&store.ErrEvicted&store.ErrNoOwner always\\)"
	o, err := d.Resident()
	if err != nil {
		return nil, errors.Join(ErrNoOwner, err)
	}
	return o, nil
}

// Resident returns a concrete error type, and nothing else.
func (d *Doc) Resident() (*Doc, error) { // want Resident:"maybeNil\\(0 err=1 is \\*store.EvictedError&store.ErrEvicted always\\)"
	o := d.owner.Value()
	if o == nil {
		return nil, &EvictedError{Name: d.Name}
	}
	return o, nil
}

// Forward returns another function's results as they are.
func (d *Doc) Forward() (*Doc, error) { return d.Resident() } // want Forward:"maybeNil\\(0 err=1 is \\*store.EvictedError&store.ErrEvicted always\\)"

// Passed returns the cause it got, wrapped or not.
func (d *Doc) Passed(wrap bool) (*Doc, error) { // want Passed:"maybeNil\\(0 err=1 is \\*store.EvictedError&store.ErrEvicted always\\)"
	o, err := d.Resident()
	if err != nil {
		if wrap {
			return nil, fmt.Errorf("passed %s: %w", d.Name, err)
		}
		return nil, err
	}
	return o, nil
}

// Mixed wraps the sentinel with %v: errors.Is does not see it.
func (d *Doc) Mixed() (*Doc, error) { // want Mixed:"maybeNil\\(0 err=1\\)"
	o := d.owner.Value()
	if o == nil {
		return nil, fmt.Errorf("mixed %s: %v", d.Name, ErrEvicted)
	}
	return o, nil
}

// GoneError matches the sentinels through its own Is method (errors.Is
// calls it with the sentinel as target).
type GoneError struct{ Name string }

func (e GoneError) Error() string { return e.Name + " gone" }
func (e GoneError) Is(target error) bool {
	switch target {
	case ErrEvicted, ErrNotOpen:
		return true
	}
	return false
}

// StaleError's Is method matches ErrEvicted only when Hard is set.
type StaleError struct{ Hard bool }

func (e *StaleError) Error() string        { return "stale" }
func (e *StaleError) Is(target error) bool { return target == ErrEvicted && e.Hard }

// Peek returns a type whose Is method matches both sentinels.
func (d *Doc) Peek() (*Doc, error) { // want Peek:"maybeNil\\(0 err=1 is store.ErrEvicted&store.ErrNotOpen&store.GoneError always\\)"
	o := d.owner.Value()
	if o == nil {
		return nil, GoneError{Name: d.Name}
	}
	return o, nil
}

// Stale returns a type whose Is method may say no.
func (d *Doc) Stale() (*Doc, error) { // want Stale:"maybeNil\\(0 err=1 is \\*store.StaleError always\\)"
	o := d.owner.Value()
	if o == nil {
		return nil, &StaleError{}
	}
	return o, nil
}
