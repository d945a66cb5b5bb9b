// Package elems checks slices returned with referents collected into them
// unchecked: an element read from such a call's result is possibly
// reclaimed. Beside them, slices that keep only checked referents, and
// elements checked after they are read. (Adapted from adversarial round 5:
// d_media atlas.Atlases.)
package elems

import "weak"

type Atlas struct{ Size int }

type Region struct{ atlas weak.Pointer[Atlas] }

func (r *Region) Atlas() *Atlas { return r.atlas.Value() }

// atlases appends every region's atlas, gone or not.
func atlases(rs []*Region) []*Atlas {
	seen := map[*Atlas]bool{}
	var out []*Atlas
	for _, r := range rs {
		a := r.Atlas()
		if seen[a] {
			continue
		}
		seen[a] = true
		out = append(out, a)
	}
	return out
}

func textureBytes(rs []*Region) int {
	total := 0
	for _, a := range atlases(rs) {
		total += a.Size // want `possible nil dereference: an element of atlases\(rs\) may be nil`
	}
	return total
}

func textureBytesChecked(rs []*Region) int {
	total := 0
	for _, a := range atlases(rs) {
		if a == nil {
			continue
		}
		total += a.Size
	}
	return total
}

func firstChecked(rs []*Region) int {
	xs := atlases(rs)
	if len(xs) > 0 && xs[0] != nil {
		return xs[0].Size
	}
	return 0
}

func first(rs []*Region) int {
	return atlases(rs)[0].Size // want `possible nil dereference: an element of atlases\(rs\) may be nil`
}

// byIndex fills a made slice by index, and a literal.
func byIndex(rs []*Region) []*Atlas {
	out := make([]*Atlas, len(rs))
	for i, r := range rs {
		out[i] = r.atlas.Value()
	}
	return out
}

func pair(a, b *Region) []*Atlas { return []*Atlas{a.Atlas(), b.Atlas()} }

func sizes(rs []*Region) int {
	n := 0
	for _, a := range byIndex(rs) {
		n += a.Size // want `possible nil dereference: an element of byIndex\(rs\) may be nil`
	}
	for _, a := range pair(rs[0], rs[1]) {
		n += a.Size // want `possible nil dereference: an element of pair\(rs\[0\], rs\[1\]\) may be nil`
	}
	return n
}

// live keeps only the atlases still there.
func live(rs []*Region) []*Atlas {
	out := make([]*Atlas, 0, len(rs))
	for _, r := range rs {
		if a := r.Atlas(); a != nil {
			out = append(out, a)
		}
	}
	return out
}

// forward returns another function's slice.
func forward(rs []*Region) []*Atlas { return atlases(rs) }

func liveSizes(rs []*Region) int {
	n := 0
	for _, a := range live(rs) {
		n += a.Size
	}
	for _, a := range forward(rs) {
		n += a.Size // want `possible nil dereference: an element of forward\(rs\) may be nil`
	}
	return n
}

// replaced: the caller stores its own element first.
func replaced(rs []*Region, fallback *Atlas) int {
	xs := atlases(rs)
	xs[0] = fallback
	return xs[0].Size
}
