package store

import (
	"strings"
	"sync"
	"weak"
)

// Route is a cached route record.
type Route struct {
	ID   int
	Name string
	Tags []string
}

// RouteCache maps ids to weakly held route records.
type RouteCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Route]
}

// NewRouteCache returns an empty cache.
func NewRouteCache() *RouteCache {
	return &RouteCache{m: make(map[int]weak.Pointer[Route])}
}

// Get returns the cached record, or nil if it was collected.
func (c *RouteCache) Get(id int) *Route {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[id]
	if !ok {
		return nil
	}
	v := p.Value()
	if v == nil {
		delete(c.m, id)
	}
	return v
}

// Put caches v.
func (c *RouteCache) Put(v *Route) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *RouteCache) Prune() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for id, p := range c.m {
		if p.Value() == nil {
			delete(c.m, id)
			n++
		}
	}
	return n
}

// RouteName returns the name of the record p points to.
func RouteName(p weak.Pointer[Route]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// RouteLabel formats the record's tags.
func RouteLabel(v *Route) string {
	if v == nil {
		return "<none>"
	}
	var b strings.Builder
	b.WriteString(v.Name)
	for _, t := range v.Tags {
		b.WriteString(" #")
		b.WriteString(t)
	}
	return b.String()
}
