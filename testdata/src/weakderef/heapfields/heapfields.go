// Package heapfields: a referent stored in a field of a struct reached
// through a pointer (the receiver, say) and read back from it before
// anything else could store there is the stored value: its nil check
// guards the reads, and an unchecked read is a use. (Adapted from
// adversarial round 3: a_rpc handler/stream.go BindLazy, a_ecs
// systems/camera.go UpdateStale.)
package heapfields

import "weak"

type Entity struct{ Pos int }

type Camera struct {
	follow weak.Pointer[Entity]
	cur    *Entity
	prev   *Entity
	Pos    int
}

// Stored, checked through the field, used through it: quiet.
func (c *Camera) Update() {
	c.cur = c.follow.Value()
	if c.cur == nil {
		return
	}
	c.Pos = c.cur.Pos
}

// Stored and used unchecked.
func (c *Camera) UpdateStale() {
	c.cur = c.follow.Value()
	c.Pos = c.cur.Pos // want `possible nil dereference`
}

// Another field in between does not alias it.
func (c *Camera) UpdateBoth() {
	c.cur = c.follow.Value()
	c.prev = nil
	c.Pos = c.cur.Pos // want `possible nil dereference`
}

// A call in between may store another value: no longer followed (quiet).
func (c *Camera) UpdateRefreshed() {
	c.cur = c.follow.Value()
	c.refresh()
	c.Pos = c.cur.Pos
}

func (c *Camera) refresh() {
	if c.cur == nil {
		c.cur = &Entity{}
	}
}

// The same field through another pointer may be the same struct: no
// longer followed (quiet).
func (c *Camera) UpdateAliased(d *Camera) {
	c.cur = c.follow.Value()
	d.cur = &Entity{}
	c.Pos = c.cur.Pos
}

// Checked in a local, stored after: quiet.
func (c *Camera) UpdateLocal() {
	e := c.follow.Value()
	if e == nil {
		return
	}
	c.cur = e
	c.Pos = c.cur.Pos
}

// A struct allocated and returned by pointer with a referent in a field:
// its callers' reads of the field are as unchecked as the referent.
// (Adapted from adversarial round 3: a_proxy proxy/route.go.)
type route struct {
	target *Entity
	prefix string
}

type Router struct {
	targets map[string]weak.Pointer[Entity]
}

func (rt *Router) resolve(prefix string) *route {
	if w, ok := rt.targets[prefix]; ok {
		return &route{target: w.Value(), prefix: prefix}
	}
	return nil
}

func (rt *Router) resolveChecked(prefix string) *route {
	if e := rt.targets[prefix].Value(); e != nil {
		return &route{target: e, prefix: prefix}
	}
	return nil
}

func (rt *Router) Serve(prefix string) int {
	r := rt.resolve(prefix)
	if r == nil || r.target == nil {
		return 0
	}
	return r.target.Pos
}

func (rt *Router) Describe(prefix string) int {
	r := rt.resolve(prefix)
	if r == nil {
		return 0
	}
	return r.target.Pos // want `rt.resolve\(prefix\).target may be nil`
}

func (rt *Router) DescribeChecked(prefix string) int {
	r := rt.resolveChecked(prefix)
	if r == nil {
		return 0
	}
	return r.target.Pos
}
