package store

import (
	"strings"
	"sync"
	"weak"
)

// Blob is a cached blob record.
type Blob struct {
	ID   int
	Name string
	Tags []string
}

// BlobCache maps ids to weakly held blob records.
type BlobCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Blob]
}

// NewBlobCache returns an empty cache.
func NewBlobCache() *BlobCache {
	return &BlobCache{m: make(map[int]weak.Pointer[Blob])}
}

// Get returns the cached record, or nil if it was collected.
func (c *BlobCache) Get(id int) *Blob {
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
func (c *BlobCache) Put(v *Blob) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *BlobCache) Prune() int {
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

// BlobName returns the name of the record p points to.
func BlobName(p weak.Pointer[Blob]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// BlobLabel formats the record's tags.
func BlobLabel(v *Blob) string {
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
