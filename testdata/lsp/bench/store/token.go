package store

import (
	"strings"
	"sync"
	"weak"
)

// Token is a cached token record.
type Token struct {
	ID   int
	Name string
	Tags []string
}

// TokenCache maps ids to weakly held token records.
type TokenCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Token]
}

// NewTokenCache returns an empty cache.
func NewTokenCache() *TokenCache {
	return &TokenCache{m: make(map[int]weak.Pointer[Token])}
}

// Get returns the cached record, or nil if it was collected.
func (c *TokenCache) Get(id int) *Token {
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
func (c *TokenCache) Put(v *Token) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *TokenCache) Prune() int {
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

// TokenName returns the name of the record p points to.
func TokenName(p weak.Pointer[Token]) string {
	return p.Value().Name // unchecked: weakderef reports this
}

// TokenLabel formats the record's tags.
func TokenLabel(v *Token) string {
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
