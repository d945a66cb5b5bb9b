// Package cache holds items weakly; Get returns a referent without checking
// it, which weaklint records as a fact for the callers in other packages.
package cache

import "weak"

type Item struct{ Name string }

type Cache struct{ m map[string]weak.Pointer[Item] }

func New() *Cache { return &Cache{m: make(map[string]weak.Pointer[Item])} }

func (c *Cache) Put(k string, it *Item) { c.m[k] = weak.Make(it) }

// Get may return nil: the item may have been collected.
func (c *Cache) Get(k string) *Item { return c.m[k].Value() }

// Name checks before use: correct.
func (c *Cache) Name(k string) string {
	if it := c.m[k].Value(); it != nil {
		return it.Name
	}
	return ""
}

// Unchecked uses the referent directly: a bug.
func (c *Cache) Unchecked(k string) string {
	return c.m[k].Value().Name
}
