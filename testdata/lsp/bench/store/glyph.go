package store

import (
	"strings"
	"sync"
	"weak"
)

// Glyph is a cached glyph record.
type Glyph struct {
	ID   int
	Name string
	Tags []string
}

// GlyphCache maps ids to weakly held glyph records.
type GlyphCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Glyph]
}

// NewGlyphCache returns an empty cache.
func NewGlyphCache() *GlyphCache {
	return &GlyphCache{m: make(map[int]weak.Pointer[Glyph])}
}

// Get returns the cached record, or nil if it was collected.
func (c *GlyphCache) Get(id int) *Glyph {
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
func (c *GlyphCache) Put(v *Glyph) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *GlyphCache) Prune() int {
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

// GlyphName returns the name of the record p points to.
func GlyphName(p weak.Pointer[Glyph]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// GlyphLabel formats the record's tags.
func GlyphLabel(v *Glyph) string {
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
