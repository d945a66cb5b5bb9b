package store

import (
	"strings"
	"sync"
	"weak"
)

// Chunk is a cached chunk record.
type Chunk struct {
	ID   int
	Name string
	Tags []string
}

// ChunkCache maps ids to weakly held chunk records.
type ChunkCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Chunk]
}

// NewChunkCache returns an empty cache.
func NewChunkCache() *ChunkCache {
	return &ChunkCache{m: make(map[int]weak.Pointer[Chunk])}
}

// Get returns the cached record, or nil if it was collected.
func (c *ChunkCache) Get(id int) *Chunk {
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
func (c *ChunkCache) Put(v *Chunk) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *ChunkCache) Prune() int {
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

// ChunkName returns the name of the record p points to.
func ChunkName(p weak.Pointer[Chunk]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// ChunkLabel formats the record's tags.
func ChunkLabel(v *Chunk) string {
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
