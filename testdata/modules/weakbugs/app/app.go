// Package app imports no weak package; what it gets from cache may be nil.
package app

import "example.com/weakbugs/cache"

// Show uses the result of Get unchecked: a bug found through cache's fact.
func Show(c *cache.Cache) string { return c.Get("a").Name }

// Safe checks the result of Get: correct.
func Safe(c *cache.Cache) string {
	if it := c.Get("b"); it != nil {
		return it.Name
	}
	return "gone"
}

// First passes Get's result on unchecked, so its callers must check it too.
func First(c *cache.Cache) *cache.Item { return c.Get("first") }

// Default gives callers a cache without their importing package cache.
func Default() *cache.Cache { return cache.New() }
