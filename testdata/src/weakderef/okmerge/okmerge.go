// Package okmerge checks comma-ok getters whose result and ok are set in a
// branch and merged with what the lookup before it returned: `if ok { v =
// wp.Value(); ok = v != nil }; return v, ok` (seen in
// github.com/alexprokofiev/go-weak-cache). ok still means non-nil. Beside
// them, merges where ok does not say so.
package okmerge

import (
	"sync"
	"weak"
)

type Entry struct{ Name string }

type Cache struct{ data sync.Map }

// Load returns ok only when the referent is live.
func (c *Cache) Load(key string) (*Entry, bool) {
	var val *Entry
	e, ok := c.data.Load(key)
	if ok {
		val = e.(weak.Pointer[Entry]).Value()
		ok = val != nil
	}
	return val, ok
}

// Found reports that the key was stored, not that its referent lives.
func (c *Cache) Found(key string) (*Entry, bool) {
	var val *Entry
	e, ok := c.data.Load(key)
	if ok {
		val = e.(weak.Pointer[Entry]).Value()
	}
	return val, ok
}

// Stale sets ok in the branch whatever the referent.
func (c *Cache) Stale(key string) (*Entry, bool) {
	var val *Entry
	e, ok := c.data.Load(key)
	if ok {
		val = e.(weak.Pointer[Entry]).Value()
		ok = true
	}
	return val, ok
}

// Inverted returns ok when the lookup failed.
func (c *Cache) Inverted(key string) (*Entry, bool) {
	var val *Entry
	e, ok := c.data.Load(key)
	if !ok {
		return nil, true
	}
	val = e.(weak.Pointer[Entry]).Value()
	return val, ok
}

func name(c *Cache) string {
	v, ok := c.Load("a")
	if !ok {
		return ""
	}
	return v.Name
}

func found(c *Cache) string {
	v, ok := c.Found("a")
	if !ok {
		return ""
	}
	return v.Name // want `may return nil`
}

func stale(c *Cache) string {
	v, ok := c.Stale("a")
	if !ok {
		return ""
	}
	return v.Name // want `may return nil`
}

func inverted(c *Cache) string {
	v, ok := c.Inverted("a")
	if !ok {
		return ""
	}
	return v.Name // want `may return nil`
}
