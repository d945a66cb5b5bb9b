// Package lib returns structs whose bool field is set together with the
// pointer field it vouches for (Alive: w != nil): the field's fact names
// that bool field, as an ok result is named (MaybeNil.OK). (Adapted from
// adversarial round 4: c_ui app/dialog.go snap; beside resultfields, which
// holds the rule within one package: here its facts across packages, a
// struct by pointer, and returns that disagree.)
package lib

import (
	"time"
	"weak"
)

type Widget struct{ Class string }

type Snapshot struct {
	Target *Widget
	Alive  bool
	At     time.Time
}

type Dialog struct{ focus weak.Pointer[Widget] }

func (d *Dialog) Snap() Snapshot { // want Snap:`maybeNil\(0\.0 ok=1\)`
	w := d.focus.Value()
	return Snapshot{Target: w, Alive: w != nil, At: time.Now()}
}

// Alive is not tied to Target: no ok field.
func (d *Dialog) Stale() Snapshot { // want Stale:`maybeNil\(0\.0\)`
	w := d.focus.Value()
	return Snapshot{Target: w, Alive: true, At: time.Now()}
}

// By pointer, each field set once.
func (d *Dialog) SnapPtr() *Snapshot { // want SnapPtr:`maybeNil\(0\.0 ok=1\)`
	w := d.focus.Value()
	return &Snapshot{Target: w, Alive: w != nil}
}

// One return ties them, another does not: no ok field.
func (d *Dialog) SnapEither(fresh bool) Snapshot { // want SnapEither:`maybeNil\(0\.0\)`
	w := d.focus.Value()
	if fresh {
		return Snapshot{Target: w, Alive: w != nil}
	}
	return Snapshot{Target: w, Alive: true}
}
