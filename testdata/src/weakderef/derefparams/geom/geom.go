// Package geom imports no weak package: derefs gives its functions that
// dereference a pointer parameter on every path facts from their syntax
// (package nilsafe's rule), and the others none.
package geom

import "fmt"

type Vec3 struct{ X, Y, Z float64 }

type Meta struct {
	Mode string
	Size int
}

type Recorder struct{ vals []int }

func (r *Recorder) Snapshot() []int { return append([]int(nil), r.vals...) }

func Distance(a, b *Vec3) float64 {
	dx, dy, dz := a.X-b.X, a.Y-b.Y, a.Z-b.Z
	return dx*dx + dy*dy + dz*dz
}

func Describe(m *Meta) string { return fmt.Sprintf("%s %d", m.Mode, m.Size) }

func Total(r *Recorder) int {
	n := 0
	for _, v := range r.Snapshot() {
		n += v
	}
	return n
}

func (r *Recorder) Add(v *Vec3) { r.vals = append(r.vals, int(v.X)) }

// Nil-checked, or dereferenced in a branch only: no fact.
func Norm(v *Vec3) float64 {
	if v == nil {
		return 0
	}
	return v.X*v.X + v.Y*v.Y + v.Z*v.Z
}

func Mode(m *Meta, verbose bool) string {
	if verbose {
		return m.Mode
	}
	return ""
}
