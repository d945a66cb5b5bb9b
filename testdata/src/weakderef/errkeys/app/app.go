package app

import (
	"errors"
	"log"

	"weakderef/errkeys/store"
)

// %w of the sentinel, tested through another package's helper: quiet.
func Defs(d *store.Doc) string {
	i, err := d.Info(true)
	if store.IsGone(err) {
		return ""
	}
	return i.Name
}

// The helper's negation lets the evicted case through.
func Refs(d *store.Doc) string {
	i, err := d.Info(true)
	if err != nil && !store.IsGone(err) {
		return ""
	}
	return i.Name // want `possible nil dereference`
}

// errors.Join of the sentinel: quiet.
func Credit(d *store.Doc) string {
	o, err := d.Owner()
	if errors.Is(err, store.ErrNoOwner) {
		return ""
	}
	return o.Name
}

// A sentinel the error does not wrap.
func CreditOther(d *store.Doc) string {
	o, err := d.Owner()
	if errors.Is(err, store.ErrOther) {
		return ""
	}
	return o.Name // want `possible nil dereference`
}

// errors.As of the concrete type: quiet.
func Rename(d *store.Doc, name string) error {
	o, err := d.Resident()
	var ev *store.EvictedError
	if errors.As(err, &ev) {
		return err
	}
	o.Name = name
	return nil
}

// What the concrete type unwraps to: quiet.
func Evicted(d *store.Doc) string {
	o, err := d.Resident()
	if errors.Is(err, store.ErrEvicted) {
		return ""
	}
	return o.Name
}

// Results returned as they are keep their guard: quiet.
func Forwarded(d *store.Doc) string {
	o, err := d.Forward()
	if err != nil {
		return ""
	}
	return o.Name
}

// The cause passed on, wrapped or not, still matches: quiet.
func Passed(d *store.Doc) string {
	o, err := d.Passed(true)
	if store.IsGone(err) {
		return ""
	}
	return o.Name
}

// Only logged.
func PassedLoose(d *store.Doc) string {
	o, err := d.Passed(false)
	if store.IsGone(err) {
		log.Print(err)
	}
	return o.Name // want `possible nil dereference`
}

// %v does not wrap.
func MixedName(d *store.Doc) string {
	o, err := d.Mixed()
	if errors.Is(err, store.ErrEvicted) {
		return ""
	}
	return o.Name // want `possible nil dereference`
}

// The error type's own Is method matches the sentinel: quiet.
func Peeked(d *store.Doc) string {
	o, err := d.Peek()
	if errors.Is(err, store.ErrNotOpen) {
		return ""
	}
	return o.Name
}

// An Is method that matches only when a field says so.
func Staled(d *store.Doc) string {
	o, err := d.Stale()
	if errors.Is(err, store.ErrEvicted) {
		return ""
	}
	return o.Name // want `possible nil dereference`
}
