package store

import (
	"strings"
	"sync"
	"weak"
)

// Cart is a cached cart record.
type Cart struct {
	ID   int
	Name string
	Tags []string
}

// CartCache maps ids to weakly held cart records.
type CartCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Cart]
}

// NewCartCache returns an empty cache.
func NewCartCache() *CartCache {
	return &CartCache{m: make(map[int]weak.Pointer[Cart])}
}

// Get returns the cached record, or nil if it was collected.
func (c *CartCache) Get(id int) *Cart {
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
func (c *CartCache) Put(v *Cart) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *CartCache) Prune() int {
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

// CartName returns the name of the record p points to.
func CartName(p weak.Pointer[Cart]) string {
	return p.Value().Name // unchecked: weakderef reports this
}

// CartLabel formats the record's tags.
func CartLabel(v *Cart) string {
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
