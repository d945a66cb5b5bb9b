// Package relay imports neither weak nor cache: the possibly nil value comes
// from app.First, two packages away from weak.Pointer.Value.
package relay

import "example.com/weakbugs/app"

import "example.com/weakbugs/cache"

func Title(c *cache.Cache) string { return app.First(c).Name }

func SafeTitle(c *cache.Cache) string {
	it := app.First(c)
	if it == nil {
		return ""
	}
	return it.Name
}
