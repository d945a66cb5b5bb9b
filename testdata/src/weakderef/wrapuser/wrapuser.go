// Package wrapuser imports no weak package: its reports come from the facts
// exported by package wrappers.
package wrapuser

import "weakderef/wrappers"

func name(c *wrappers.Cache) string {
	return c.Get("a").Name // want `possible nil dereference: c.Get\("a"\) may return nil \(it returns a weak referent unchecked\)`
}

func checkedName(c *wrappers.Cache) string {
	if it := c.Get("a"); it != nil {
		return it.Name
	}
	return ""
}

func lookedUp(c *wrappers.Cache) string {
	if it, ok := c.Lookup("a"); ok {
		return it.Name
	}
	return ""
}

func lookupIgnored(c *wrappers.Cache) string {
	it, _ := c.Lookup("a")
	return it.Name // want `possible nil dereference: c.Lookup\("a"\)`
}

func mustGet(c *wrappers.Cache) string { return c.MustGet("a").Name }
