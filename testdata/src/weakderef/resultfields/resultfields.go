// Package resultfields checks struct results whose pointer field is nil
// because a referent is gone, with an error or bool field of the same
// struct saying so: a check of that field guards the pointer field as an
// error result guards a pointer result. (Adapted from adversarial round 5:
// d_media server.lookupResult; adversarial round 4: c_ui app.snapshot.)
package resultfields

import (
	"errors"
	"log"
	"weak"
)

type Image struct{ Meta string }

type Cache struct {
	m map[string]weak.Pointer[Image]
}

func (c *Cache) Peek(k string) *Image { return c.m[k].Value() }

type lookupResult struct {
	Img *Image
	Err error
}

var errEvicted = errors.New("evicted")

// lookup leaves Img out of the literal when the image is gone.
func lookup(c *Cache, k string) lookupResult {
	img := c.Peek(k)
	if img == nil {
		return lookupResult{Err: errEvicted}
	}
	return lookupResult{Img: img}
}

func checked(c *Cache, keys []string) int {
	n := 0
	for _, k := range keys {
		res := lookup(c, k)
		if res.Err != nil {
			continue
		}
		n += len(res.Img.Meta)
	}
	return n
}

func checkedByIs(c *Cache, k string) string {
	res := lookup(c, k)
	if errors.Is(res.Err, errEvicted) {
		return ""
	}
	return res.Img.Meta
}

func onlyLogged(c *Cache, k string) string {
	res := lookup(c, k)
	if errors.Is(res.Err, errEvicted) {
		log.Printf("%s: evicted", k)
	}
	return res.Img.Meta // want `possible nil dereference: lookup\(c, k\).Img may be nil`
}

func ignored(c *Cache, k string) string {
	return lookup(c, k).Img.Meta // want `possible nil dereference: lookup\(c, k\).Img may be nil`
}

// A snapshot with an ok field true only when the target is non-nil.
type snapshot struct {
	target *Image
	alive  bool
}

func snap(c *Cache) snapshot {
	w := c.Peek("focus")
	return snapshot{target: w, alive: w != nil}
}

func focusedChecked(c *Cache) string {
	s := snap(c)
	if !s.alive {
		return ""
	}
	return s.target.Meta
}

func focused(c *Cache) string {
	s := snap(c)
	return s.target.Meta // want `possible nil dereference: snap\(c\).target may be nil`
}

// loose's Err is not set when Img is gone: checking it guards nothing.
type loose struct {
	Img *Image
	Err error
}

func lookupLoose(c *Cache, k string) loose {
	if k == "" {
		return loose{Err: errors.New("empty key")}
	}
	return loose{Img: c.Peek(k)}
}

func looseChecked(c *Cache, k string) string {
	res := lookupLoose(c, k)
	if res.Err != nil {
		return ""
	}
	return res.Img.Meta // want `possible nil dereference: lookupLoose\(c, k\).Img may be nil`
}

// strongResult's nil Img is a miss of a strong map, not the collector's.
func strongResult(m map[string]*Image, k string) lookupResult {
	img, ok := m[k]
	if !ok {
		return lookupResult{Err: errEvicted}
	}
	return lookupResult{Img: img}
}

func strongUse(m map[string]*Image, k string) string {
	return strongResult(m, k).Img.Meta
}
