// Package app keeps referents of another package's weak cache; it imports
// no weak API itself.
package app

import "strongcache/xpkg/cache"

var (
	configs = cache.New()
	active  *cache.T
	recent  []*cache.T
)

// Positive: the referent, through another package's getter, kept in a
// package-level variable.
func Activate(name string) {
	v := configs.Get(name)
	if v == nil {
		return
	}
	active = v // want `v is held by a weak pointer and also stored strongly in active, a package-level variable`
}

// Positive: through a getter with an ok result, appended to a package-level slice.
func Remember(name string) {
	v, ok := configs.Lookup(name)
	if !ok {
		return
	}
	recent = append(recent, v) // want `v is held by a weak pointer and also stored strongly in recent, a package-level variable`
}

// Positive: kept in the value that holds the cache.
type Server struct {
	c    *cache.Cache
	last *cache.T
}

func (s *Server) Use(name string) {
	if v := s.c.Get(name); v != nil {
		s.last = v // want `v is stored strongly in s.last, in the same s that holds its weak pointer`
	}
}

// Negative: a getter of a strongly held value; keeping it defeats nothing.
func Pin(name string) {
	active = configs.Pinned(name)
	if v := configs.Pinned(name); v != nil {
		active = v
	}
}

// Negative: checked, used and dropped.
func Describe(name string) string {
	if v := configs.Get(name); v != nil {
		return v.Name
	}
	return ""
}

// Negative: stored in an object the caller passed in, which the caller owns.
type Session struct{ current *cache.T }

func Bind(s *Session, name string) {
	if v := configs.Get(name); v != nil {
		s.current = v
	}
}
