package store

import (
	"strings"
	"sync"
	"weak"
)

// Order is a cached order record.
type Order struct {
	ID   int
	Name string
	Tags []string
}

// OrderCache maps ids to weakly held order records.
type OrderCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Order]
}

// NewOrderCache returns an empty cache.
func NewOrderCache() *OrderCache {
	return &OrderCache{m: make(map[int]weak.Pointer[Order])}
}

// Get returns the cached record, or nil if it was collected.
func (c *OrderCache) Get(id int) *Order {
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
func (c *OrderCache) Put(v *Order) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *OrderCache) Prune() int {
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

// OrderName returns the name of the record p points to.
func OrderName(p weak.Pointer[Order]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// OrderLabel formats the record's tags.
func OrderLabel(v *Order) string {
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
