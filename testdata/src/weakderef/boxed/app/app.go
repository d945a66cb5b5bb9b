// Package app uses lib's boxed referents: a type switch's case *Job, a
// type assertion (comma-ok or not) and a method invoked on the interface
// all see the possibly nil pointer; checking the interface for nil does not
// check it.
package app

import "weakderef/boxed/lib"

func Kind(r *lib.Registry, id int) string {
	switch v := r.Raw(id).(type) {
	case nil:
		return "collected"
	case *lib.Job:
		return v.Name // want `possible nil dereference: r.Raw\(id\) may return nil`
	}
	return ""
}

func SetName(r *lib.Registry, id int, n string) bool {
	x := r.Raw(id)
	if j, ok := x.(*lib.Job); ok {
		j.Name = n // want `possible nil dereference: r.Raw\(id\) may return nil`
		return true
	}
	return false
}

func MustName(r *lib.Registry, id int) string {
	return r.Forward(id).(*lib.Job).Name // want `possible nil dereference: r.Forward\(id\) may return nil`
}

func Rename(r *lib.Registry, id int, n string) {
	if h := r.Hook(id); h != nil {
		h.Rename(n) // want `possible nil dereference: r.Hook\(id\) may return nil`
	}
}

// Quiet look-alikes.

func KindChecked(r *lib.Registry, id int) string {
	switch v := r.Any(id).(type) {
	case nil:
		return "collected"
	case *lib.Job:
		return v.Name
	}
	return ""
}

func SetNameChecked(r *lib.Registry, id int, n string) bool {
	if j, ok := r.Raw(id).(*lib.Job); ok && j != nil {
		j.Name = n
		return true
	}
	return false
}

func RenameChecked(r *lib.Registry, id int, n string) {
	if h := r.Checked(id); h != nil {
		h.Rename(n)
	}
}

// KindOf invokes a nil-safe method.
func KindOf(r *lib.Registry, id int) string {
	return r.Hook(id).Kind()
}
