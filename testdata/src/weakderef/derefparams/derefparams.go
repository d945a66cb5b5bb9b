// Package derefparams passes possibly reclaimed referents to the functions
// of package geom, which has no weak code: those that dereference the
// parameter on every path are reported, the others are quiet.
package derefparams

import (
	"weak"

	"weakderef/derefparams/geom"
)

func distance(p *geom.Vec3, w weak.Pointer[geom.Vec3]) float64 {
	return geom.Distance(p, w.Value()) // want `possible nil dereference`
}

func describe(w weak.Pointer[geom.Meta]) string {
	return geom.Describe(w.Value()) // want `possible nil dereference`
}

func total(w weak.Pointer[geom.Recorder]) int {
	r := w.Value()
	return geom.Total(r) // want `possible nil dereference`
}

func add(r *geom.Recorder, w weak.Pointer[geom.Vec3]) {
	r.Add(w.Value()) // want `possible nil dereference`
}

func norm(w weak.Pointer[geom.Vec3]) float64 {
	return geom.Norm(w.Value())
}

func mode(w weak.Pointer[geom.Meta]) string {
	return geom.Mode(w.Value(), false)
}

func checked(w weak.Pointer[geom.Meta]) string {
	if m := w.Value(); m != nil {
		return geom.Describe(m)
	}
	return ""
}
