package store

import (
	"strings"
	"sync"
	"weak"
)

// Item is a cached item record.
type Item struct {
	ID   int
	Name string
	Tags []string
}

// ItemCache maps ids to weakly held item records.
type ItemCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Item]
}

// NewItemCache returns an empty cache.
func NewItemCache() *ItemCache {
	return &ItemCache{m: make(map[int]weak.Pointer[Item])}
}

// Get returns the cached record, or nil if it was collected.
func (c *ItemCache) Get(id int) *Item {
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
func (c *ItemCache) Put(v *Item) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *ItemCache) Prune() int {
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

// ItemName returns the name of the record p points to.
func ItemName(p weak.Pointer[Item]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// ItemLabel formats the record's tags.
func ItemLabel(v *Item) string {
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
