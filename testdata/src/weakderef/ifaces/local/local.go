// Package local calls methods of its own interfaces, whose implementations
// in the package all return a possibly reclaimed referent (a use when the
// ok is dropped) or not all (quiet). (Adapted from adversarial round 5:
// d_media server.Resolver.)
package local

import "weak"

type Image struct{ Meta string }

type Cache struct {
	m map[string]weak.Pointer[Image]
}

func (c *Cache) Get(k string) (*Image, bool) {
	v := c.m[k].Value()
	return v, v != nil
}

type Resolver interface {
	Resolve(key string) (*Image, bool)
}

type cacheResolver struct{ c *Cache }

func (r cacheResolver) Resolve(key string) (*Image, bool) { return r.c.Get(key) }

type listResolver struct {
	refs map[string]weak.Pointer[Image]
}

func (r listResolver) Resolve(key string) (*Image, bool) {
	img := r.refs[key].Value()
	return img, img != nil
}

func Resolvers(c *Cache) []Resolver { return []Resolver{cacheResolver{c}, listResolver{}} }

func DescribeFast(r Resolver, key string) string {
	img, _ := r.Resolve(key)
	return img.Meta // want `possible nil dereference: r.Resolve\(key\) may return nil`
}

func Describe(r Resolver, key string) string {
	img, ok := r.Resolve(key)
	if !ok {
		return "gone"
	}
	return img.Meta
}

// Namer has a strong implementation beside the weak one: which runs is not
// known, the call is not described.
type Namer interface {
	Image(key string) *Image
}

type weakNamer struct{ c *Cache }

func (n weakNamer) Image(key string) *Image { img, _ := n.c.Get(key); return img }

type strongNamer struct{ m map[string]*Image }

func (n strongNamer) Image(key string) *Image { return n.m[key] }

func Namers(c *Cache) []Namer { return []Namer{weakNamer{c}, strongNamer{}} }

func NameOf(n Namer, key string) string {
	return n.Image(key).Meta
}

// Sizer's only implementation is weak, but the package never shows it
// implementing Sizer (no conversion, no declaration): not described.
type Sizer interface {
	Image(key string) *Image
}

func SizeOf(s Sizer, key string) string {
	return s.Image(key).Meta
}
