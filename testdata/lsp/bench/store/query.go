package store

import (
	"strings"
	"sync"
	"weak"
)

// Query is a cached query record.
type Query struct {
	ID   int
	Name string
	Tags []string
}

// QueryCache maps ids to weakly held query records.
type QueryCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Query]
}

// NewQueryCache returns an empty cache.
func NewQueryCache() *QueryCache {
	return &QueryCache{m: make(map[int]weak.Pointer[Query])}
}

// Get returns the cached record, or nil if it was collected.
func (c *QueryCache) Get(id int) *Query {
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
func (c *QueryCache) Put(v *Query) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *QueryCache) Prune() int {
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

// QueryName returns the name of the record p points to.
func QueryName(p weak.Pointer[Query]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// QueryLabel formats the record's tags.
func QueryLabel(v *Query) string {
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
