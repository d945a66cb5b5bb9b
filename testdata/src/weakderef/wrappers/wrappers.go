// Package wrappers returns weak referents unchecked; callers here and in
// other packages must check them.
package wrappers

import "weak"

type Item struct{ Name string }

type Cache struct {
	m map[string]weak.Pointer[Item]
}

// Get returns the item for k, or nil if it was collected.
func (c *Cache) Get(k string) *Item { return c.m[k].Value() } // fact maybeNil: checked in testdata/src/referents

// Lookup returns the item and whether it is alive.
func (c *Cache) Lookup(k string) (*Item, bool) { // fact maybeNil: checked in testdata/src/referents
	v := c.m[k].Value()
	return v, v != nil
}

// MustGet checks, so it never returns a reclaimed referent.
func (c *Cache) MustGet(k string) *Item {
	if v := c.m[k].Value(); v != nil {
		return v
	}
	return &Item{Name: k}
}

// indirect forwards Get: a wrapper of a wrapper.
func (c *Cache) indirect(k string) *Item { return c.Get(k) } // fact maybeNil: checked in testdata/src/referents

func (c *Cache) Title(k string) string {
	return c.indirect(k).Name // want `possible nil dereference: c.indirect\(k\) may return nil`
}

func (c *Cache) SafeTitle(k string) string {
	return c.MustGet(k).Name
}
