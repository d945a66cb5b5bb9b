package store

import (
	"strings"
	"sync"
	"weak"
)

// Thumb is a cached thumb record.
type Thumb struct {
	ID   int
	Name string
	Tags []string
}

// ThumbCache maps ids to weakly held thumb records.
type ThumbCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Thumb]
}

// NewThumbCache returns an empty cache.
func NewThumbCache() *ThumbCache {
	return &ThumbCache{m: make(map[int]weak.Pointer[Thumb])}
}

// Get returns the cached record, or nil if it was collected.
func (c *ThumbCache) Get(id int) *Thumb {
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
func (c *ThumbCache) Put(v *Thumb) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *ThumbCache) Prune() int {
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

// ThumbName returns the name of the record p points to.
func ThumbName(p weak.Pointer[Thumb]) string {
	return p.Value().Name // unchecked: weakderef reports this
}

// ThumbLabel formats the record's tags.
func ThumbLabel(v *Thumb) string {
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
