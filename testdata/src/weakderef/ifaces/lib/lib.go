// Package lib declares interfaces whose implementations, as far as the
// package shows (the types it converts to the interface, and var _ I =
// (*T)(nil)), all return a possibly reclaimed referent: the interface
// method gets their Fact, for the calls of importers. (Adapted from
// adversarial round 5: d_ctrl controller.ObjectGetter.)
package lib

import (
	"errors"
	"weak"
)

type Image struct{ Meta string }

type Cache struct {
	m map[string]weak.Pointer[Image]
}

func (c *Cache) Get(k string) (*Image, bool) { // want Get:"maybeNil\\(0 ok=1\\)"
	v := c.m[k].Value()
	return v, v != nil
}

var ErrEvicted = errors.New("evicted")

// Getter is implemented by Lister, as the declaration below says; nothing
// in the package converts a Lister to it.
type Getter interface {
	Get(key string) (*Image, error) // want Get:"maybeNil\\(0 err=1 is lib.ErrEvicted always\\)"
}

var _ Getter = (*Lister)(nil)

type Lister struct{ c *Cache }

func (l *Lister) Get(key string) (*Image, error) { // want Get:"maybeNil\\(0 err=1 is lib.ErrEvicted always\\)"
	img, ok := l.c.Get(key)
	if !ok {
		return nil, ErrEvicted
	}
	return img, nil
}

// Resolver is implemented by two types converted to it, both weak.
type Resolver interface {
	Resolve(key string) (*Image, bool) // want Resolve:"maybeNil\\(0 ok=1\\)"
}

type cacheResolver struct{ c *Cache }

func (r cacheResolver) Resolve(key string) (*Image, bool) { return r.c.Get(key) } // want Resolve:"maybeNil\\(0 ok=1\\)"

type listResolver struct {
	refs map[string]weak.Pointer[Image]
}

func (r listResolver) Resolve(key string) (*Image, bool) { // want Resolve:"maybeNil\\(0 ok=1\\)"
	img := r.refs[key].Value()
	return img, img != nil
}

func Resolvers(c *Cache) []Resolver { return []Resolver{cacheResolver{c}, listResolver{}} }

// Namer has a strong implementation beside the weak one: no Fact.
type Namer interface {
	Image(key string) *Image
}

type weakNamer struct{ c *Cache }

func (n weakNamer) Image(key string) *Image { img, _ := n.c.Get(key); return img } // want Image:"maybeNil\\(0\\)"

type strongNamer struct{ m map[string]*Image }

func (n strongNamer) Image(key string) *Image { return n.m[key] }

func Namers(c *Cache) []Namer { return []Namer{weakNamer{c}, strongNamer{}} }
