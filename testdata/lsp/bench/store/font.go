package store

import (
	"strings"
	"sync"
	"weak"
)

// Font is a cached font record.
type Font struct {
	ID   int
	Name string
	Tags []string
}

// FontCache maps ids to weakly held font records.
type FontCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Font]
}

// NewFontCache returns an empty cache.
func NewFontCache() *FontCache {
	return &FontCache{m: make(map[int]weak.Pointer[Font])}
}

// Get returns the cached record, or nil if it was collected.
func (c *FontCache) Get(id int) *Font {
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
func (c *FontCache) Put(v *Font) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *FontCache) Prune() int {
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

// FontName returns the name of the record p points to.
func FontName(p weak.Pointer[Font]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// FontLabel formats the record's tags.
func FontLabel(v *Font) string {
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
