package store

import (
	"strings"
	"sync"
	"weak"
)

// Shard is a cached shard record.
type Shard struct {
	ID   int
	Name string
	Tags []string
}

// ShardCache maps ids to weakly held shard records.
type ShardCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Shard]
}

// NewShardCache returns an empty cache.
func NewShardCache() *ShardCache {
	return &ShardCache{m: make(map[int]weak.Pointer[Shard])}
}

// Get returns the cached record, or nil if it was collected.
func (c *ShardCache) Get(id int) *Shard {
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
func (c *ShardCache) Put(v *Shard) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *ShardCache) Prune() int {
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

// ShardName returns the name of the record p points to.
func ShardName(p weak.Pointer[Shard]) string {
	return p.Value().Name // unchecked: weakderef reports this
}

// ShardLabel formats the record's tags.
func ShardLabel(v *Shard) string {
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
