package store

import (
	"strings"
	"sync"
	"weak"
)

// Index is a cached index record.
type Index struct {
	ID   int
	Name string
	Tags []string
}

// IndexCache maps ids to weakly held index records.
type IndexCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Index]
}

// NewIndexCache returns an empty cache.
func NewIndexCache() *IndexCache {
	return &IndexCache{m: make(map[int]weak.Pointer[Index])}
}

// Get returns the cached record, or nil if it was collected.
func (c *IndexCache) Get(id int) *Index {
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
func (c *IndexCache) Put(v *Index) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *IndexCache) Prune() int {
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

// IndexName returns the name of the record p points to.
func IndexName(p weak.Pointer[Index]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// IndexLabel formats the record's tags.
func IndexLabel(v *Index) string {
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
