package pubcode

import "weak"

type material struct {
	lit, shadows bool
}

type drawing struct {
	material *material
	layer    int
}

var depthMaterial weak.Pointer[material]

// The struct is copied whole, then one field is replaced by a referent
// (kaiju's lightTransformDrawingToDepth): the field is stored twice, and
// its reads see the last store.
func toDepth(d *drawing) drawing {
	c := *d
	c.material = depthMaterial.Value()
	c.material.lit = false // want `possible nil dereference: depthMaterial.Value\(\) returns nil`
	c.material.shadows = false
	return c
}

func toDepthChecked(d *drawing) drawing {
	c := *d
	c.material = depthMaterial.Value()
	if c.material == nil {
		return *d
	}
	c.material.lit = false
	return c
}

// The referent is replaced by a strong pointer before the use.
func toDepthReplaced(d *drawing, fallback *material) drawing {
	c := *d
	c.material = depthMaterial.Value()
	c.material = fallback
	c.material.lit = false
	return c
}

// Stored on one branch only: the read after the join is not known to see
// the referent (a φ of the two stores would be needed), so nothing is
// claimed.
func toDepthMaybe(d *drawing, depth bool) drawing {
	c := *d
	if depth {
		c.material = depthMaterial.Value()
	}
	c.layer++
	return c
}

// A strong value first, the referent on the last store.
func toDepthLast(d *drawing, fallback *material) bool {
	c := drawing{material: fallback}
	c.layer = d.layer
	c.material = depthMaterial.Value()
	return c.material.shadows // want `possible nil dereference: depthMaterial.Value\(\) returns nil`
}
