package store

import (
	"strings"
	"sync"
	"weak"
)

// Price is a cached price record.
type Price struct {
	ID   int
	Name string
	Tags []string
}

// PriceCache maps ids to weakly held price records.
type PriceCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Price]
}

// NewPriceCache returns an empty cache.
func NewPriceCache() *PriceCache {
	return &PriceCache{m: make(map[int]weak.Pointer[Price])}
}

// Get returns the cached record, or nil if it was collected.
func (c *PriceCache) Get(id int) *Price {
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
func (c *PriceCache) Put(v *Price) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *PriceCache) Prune() int {
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

// PriceName returns the name of the record p points to.
func PriceName(p weak.Pointer[Price]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// PriceLabel formats the record's tags.
func PriceLabel(v *Price) string {
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
