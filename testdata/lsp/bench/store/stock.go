package store

import (
	"strings"
	"sync"
	"weak"
)

// Stock is a cached stock record.
type Stock struct {
	ID   int
	Name string
	Tags []string
}

// StockCache maps ids to weakly held stock records.
type StockCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Stock]
}

// NewStockCache returns an empty cache.
func NewStockCache() *StockCache {
	return &StockCache{m: make(map[int]weak.Pointer[Stock])}
}

// Get returns the cached record, or nil if it was collected.
func (c *StockCache) Get(id int) *Stock {
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
func (c *StockCache) Put(v *Stock) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *StockCache) Prune() int {
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

// StockName returns the name of the record p points to.
func StockName(p weak.Pointer[Stock]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// StockLabel formats the record's tags.
func StockLabel(v *Stock) string {
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
