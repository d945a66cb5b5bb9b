package store

import (
	"strings"
	"sync"
	"weak"
)

// Image is a cached image record.
type Image struct {
	ID   int
	Name string
	Tags []string
}

// ImageCache maps ids to weakly held image records.
type ImageCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Image]
}

// NewImageCache returns an empty cache.
func NewImageCache() *ImageCache {
	return &ImageCache{m: make(map[int]weak.Pointer[Image])}
}

// Get returns the cached record, or nil if it was collected.
func (c *ImageCache) Get(id int) *Image {
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
func (c *ImageCache) Put(v *Image) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *ImageCache) Prune() int {
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

// ImageName returns the name of the record p points to.
func ImageName(p weak.Pointer[Image]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// ImageLabel formats the record's tags.
func ImageLabel(v *Image) string {
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
