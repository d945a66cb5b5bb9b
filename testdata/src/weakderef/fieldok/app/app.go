// Package app branches on the ok fields of lib's struct results: a branch
// that stops when the flag is false guards the pointer field; ignoring
// the flag, not stopping on it, or testing another result's flag does not.
package app

import (
	"log"

	"weakderef/fieldok/lib"
)

func Addr(r *lib.Registry, id string) string {
	l := r.Find(id)
	if !l.Found {
		return ""
	}
	return l.Conn.Addr
}

func AddrPtr(r *lib.Registry, id string) string {
	l := r.FindPtr(id)
	if !l.Found {
		return ""
	}
	return l.Conn.Addr
}

func AddrOrNil(r *lib.Registry, id string) string {
	l := r.FindOrNil(id)
	if l == nil || !l.Found {
		return ""
	}
	return l.Conn.Addr
}

func AddrFast(r *lib.Registry, id string) string {
	if l := r.FindFast(id, len(id) < 3); l.Found {
		return l.Conn.Addr
	}
	return ""
}

func AddrVia(r *lib.Registry, id string) string {
	if l := r.FindVia(id); l.Found {
		return l.Conn.Addr
	}
	return ""
}

func AddrStored(r *lib.Registry, id string) string {
	l := r.FindStored(id)
	if l.Found && l.Conn.Addr != "" {
		return l.Conn.Addr
	}
	return ""
}

// The flag copied to a local first.
func AddrCopied(r *lib.Registry, id string) string {
	l := r.Find(id)
	found := l.Found
	if !found {
		return ""
	}
	return l.Conn.Addr
}

func AddrSwitch(r *lib.Registry, id string) string {
	l := r.Find(id)
	switch {
	case !l.Found:
		return ""
	default:
		return l.Conn.Addr
	}
}

func AddrSwitchValue(r *lib.Registry, id string) string {
	l := r.Find(id)
	switch l.Found {
	case false:
		return ""
	}
	return l.Conn.Addr
}

func AddrCompared(r *lib.Registry, id string) string {
	l := r.Find(id)
	if l.Found == false {
		return ""
	}
	return l.Conn.Addr
}

func Focused(r *lib.Registry, name string) string {
	s := r.Snap(name)
	if !s.Alive {
		return ""
	}
	return s.Target.Addr
}

func Width(l *lib.Layout, id string) int {
	p := l.Place(id)
	if p.OK && p.Box.W > 0 {
		return p.Box.W
	}
	return 0
}

func FirstWidth(l *lib.Layout, ids []string) int {
	if p := l.PlaceFirst(ids); p.OK {
		return p.Box.W
	}
	return 0
}

func Area(l *lib.Layout, a, b string) int {
	p := l.Pair(a, b)
	if !p.HasA || !p.HasB {
		return 0
	}
	return p.A.W * p.B.H
}

// Ignores the flag.
func AddrIgnored(r *lib.Registry, id string) string {
	l := r.Find(id)
	return l.Conn.Addr // want `possible nil dereference: r.Find\(id\).Conn may be nil`
}

// Tests the flag but does not stop on it.
func AddrLogged(r *lib.Registry, id string) string {
	l := r.Find(id)
	if !l.Found {
		log.Printf("no conn %s", id)
	}
	return l.Conn.Addr // want `possible nil dereference: r.Find\(id\).Conn may be nil`
}

// Tests the flag of a different result.
func AddrOther(r *lib.Registry, a, b string) string {
	la, lb := r.Find(a), r.Find(b)
	if !la.Found {
		return ""
	}
	return lb.Conn.Addr // want `possible nil dereference: r.Find\(b\).Conn may be nil`
}

// The flag is not about the pointer.
func AddrLoose(r *lib.Registry, id string) string {
	l := r.FindLoose(id)
	if !l.Found {
		return ""
	}
	return l.Conn.Addr // want `possible nil dereference: r.FindLoose\(id\).Conn may be nil`
}

// The flag is true on a path where the pointer may be nil.
func AddrLenient(r *lib.Registry, id string) string {
	l := r.FindLenient(id)
	if !l.Found {
		return ""
	}
	return l.Conn.Addr // want `possible nil dereference: r.FindLenient\(id\).Conn may be nil`
}

func WidthOr(l *lib.Layout, id string) int {
	if p := l.PlaceOr(id); p.OK {
		return p.Box.W // want `possible nil dereference: l.PlaceOr\(id\).Box may be nil`
	}
	return 0
}

// The flag of the other field.
func AreaHalf(l *lib.Layout, a, b string) int {
	p := l.Pair(a, b)
	if !p.HasA || !p.Resolved {
		return 0
	}
	return p.A.W * p.B.H // want `possible nil dereference: l.Pair\(a, b\).B may be nil`
}

// The flag read on the wrong side.
func AddrInverted(r *lib.Registry, id string) string {
	if l := r.Find(id); !l.Found {
		return l.Conn.Addr // want `possible nil dereference: r.Find\(id\).Conn may be nil`
	}
	return ""
}

// The error result of the same call guards the zero struct's fields.
func BothArea(l *lib.Layout, a, b string) int {
	p, err := l.Both(a, b)
	if err != nil {
		return 0
	}
	return p.A.W * p.B.H
}

func BothTaggedArea(l *lib.Layout, a, b string) int {
	p, err := l.BothTagged(a, b)
	if err != nil {
		return 0
	}
	return p.A.W * p.B.H
}
