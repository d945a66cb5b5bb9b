package store

import (
	"strings"
	"sync"
	"weak"
)

// Frame is a cached frame record.
type Frame struct {
	ID   int
	Name string
	Tags []string
}

// FrameCache maps ids to weakly held frame records.
type FrameCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Frame]
}

// NewFrameCache returns an empty cache.
func NewFrameCache() *FrameCache {
	return &FrameCache{m: make(map[int]weak.Pointer[Frame])}
}

// Get returns the cached record, or nil if it was collected.
func (c *FrameCache) Get(id int) *Frame {
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
func (c *FrameCache) Put(v *Frame) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *FrameCache) Prune() int {
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

// FrameName returns the name of the record p points to.
func FrameName(p weak.Pointer[Frame]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// FrameLabel formats the record's tags.
func FrameLabel(v *Frame) string {
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
