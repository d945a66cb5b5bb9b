package weakstore

import "weak"

// A referent stored in place of the link that led to its weak pointer
// replaces that link: the value no longer reaches the weak pointer there
// (kaiju's Drawings.AddDrawing: a copy of the drawing with the prepass
// material swapped in).

type material struct {
	name    string
	prepass weak.Pointer[material]
	pinned  *material
}

type drawing struct {
	material *material
	overlay  *material
	layer    int
}

type drawings struct {
	draws []drawing
}

// Quiet: the copy's material is replaced by the prepass material; the copy
// no longer reaches the material that holds the weak pointer.
func (d *drawings) add(dr drawing) {
	if p := dr.material.prepass.Value(); p != nil {
		cpy := dr
		cpy.material = p
		d.draws = append(d.draws, cpy)
	}
	d.draws = append(d.draws, dr)
}

// Quiet: the same through an element of a slice, copied by index.
func (d *drawings) addAll(drs []drawing) {
	normalized := make([]drawing, len(drs))
	for i := range drs {
		normalized[i] = drs[i]
		if p := normalized[i].material.prepass.Value(); p != nil {
			cpy := normalized[i]
			cpy.material = p
			d.draws = append(d.draws, cpy)
		}
	}
	d.draws = append(d.draws, normalized...)
}

// Positive: another field of the copy; the copy still reaches the material
// that holds the weak pointer.
func (d *drawings) addOverlay(dr drawing) {
	if p := dr.material.prepass.Value(); p != nil {
		cpy := dr
		cpy.overlay = p // want `p is stored strongly in cpy.overlay, in the same dr that holds its weak pointer`
		d.draws = append(d.draws, cpy)
	}
}

// Positive: stored beside the weak pointer, in the very material that
// holds it: the material keeps its own prepass alive.
func pin(m *material) {
	if p := m.prepass.Value(); p != nil {
		m.pinned = p // want `p is stored strongly in m.pinned, in the same m that holds its weak pointer`
	}
}

// Positive: an element of another index of the same slice; the element at
// i still holds the weak pointer.
func (d *drawings) swapNext(i int) {
	if p := d.draws[i].material.prepass.Value(); p != nil {
		d.draws[i+1].material = p // want `p is stored strongly in d.draws\[i \+ 1\].material, in the same d that holds its weak pointer`
	}
}
