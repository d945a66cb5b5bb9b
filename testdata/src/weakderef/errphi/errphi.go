// Package errphi reloads a collected value and checks the error of
// whichever call ran: the result is nil only with an error on every path
// that may bring a reclaimed referent. (Adapted from adversarial round 11:
// j_ledger Service.Freeze.)
package errphi

import (
	"errors"
	"weak"
)

type Account struct{ Frozen bool }

var (
	ErrCollected = errors.New("collected")
	ErrMissing   = errors.New("missing")
)

var accounts map[string]weak.Pointer[Account]

// resolve returns nil only with an error.
func resolve(id string) (*Account, error) {
	wp, ok := accounts[id]
	if !ok {
		return nil, ErrMissing
	}
	if a := wp.Value(); a != nil {
		return a, nil
	}
	return nil, ErrCollected
}

// fetch returns (nil, nil) for a collected value.
func fetch(id string) (*Account, error) {
	wp, ok := accounts[id]
	if !ok {
		return nil, ErrMissing
	}
	return wp.Value(), nil
}

// resolveAgain returns nil only with an error, which its caller drops.
func resolveAgain(id string) (*Account, error) { return resolve(id) }

var index = map[string]*Account{}

// lookup is a strong index: its nil is not a reclaimed referent.
func lookup(id string) (*Account, error) {
	if a := index[id]; a != nil {
		return a, nil
	}
	return nil, ErrCollected
}

func Freeze(id string) error {
	a, err := lookup(id)
	if errors.Is(err, ErrCollected) {
		a, err = resolve(id)
	}
	if err != nil {
		return err
	}
	a.Frozen = true
	return nil
}

func FreezeRetried(id string) error {
	a, err := lookup(id)
	if errors.Is(err, ErrCollected) {
		a, err = resolve(id)
		if errors.Is(err, ErrMissing) {
			a, err = resolveAgain(id)
		}
	}
	if err != nil {
		return err
	}
	a.Frozen = true
	return nil
}

func FreezeFetched(id string) error {
	a, err := lookup(id)
	if errors.Is(err, ErrCollected) {
		a, err = fetch(id)
	}
	if err != nil {
		return err
	}
	a.Frozen = true // want `possible nil dereference: fetch\(id\) may return nil`
	return nil
}

func FreezeUnchecked(id string) error {
	a, err := lookup(id)
	if errors.Is(err, ErrCollected) {
		a, _ = resolveAgain(id)
	}
	if err != nil {
		return err
	}
	a.Frozen = true // want `possible nil dereference: resolveAgain\(id\) may return nil`
	return nil
}
