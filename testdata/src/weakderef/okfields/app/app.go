package app

import (
	"weak"

	"weakderef/okfields/lib"
)

// Tested through the bool field: quiet.
func Class(d *lib.Dialog) string {
	s := d.Snap()
	if !s.Alive {
		return ""
	}
	return s.Target.Class
}

func ClassPtr(d *lib.Dialog) string {
	s := d.SnapPtr()
	if !s.Alive {
		return ""
	}
	return s.Target.Class
}

// The wrong way round.
func ClassWrong(d *lib.Dialog) string {
	s := d.Snap()
	if s.Alive {
		return ""
	}
	return s.Target.Class // want `possible nil dereference`
}

// A bool field that says nothing of Target.
func ClassStale(d *lib.Dialog) string {
	s := d.Stale()
	if !s.Alive {
		return ""
	}
	return s.Target.Class // want `possible nil dereference`
}

func ClassEither(d *lib.Dialog) string {
	s := d.SnapEither(true)
	if !s.Alive {
		return ""
	}
	return s.Target.Class // want `possible nil dereference`
}

type view struct {
	w    *lib.Widget
	live bool
}

func look(p weak.Pointer[lib.Widget]) view {
	w := p.Value()
	return view{w: w, live: w != nil}
}

// The same within one package.
func Look(p weak.Pointer[lib.Widget]) string {
	if v := look(p); v.live {
		return v.w.Class
	}
	return ""
}

// Tested, then the other field used without it.
func LookLoose(p weak.Pointer[lib.Widget]) string {
	v := look(p)
	if !v.live {
		println("gone")
	}
	return v.w.Class // want `possible nil dereference`
}
