package store

import (
	"strings"
	"sync"
	"weak"
)

// Session is a cached session record.
type Session struct {
	ID   int
	Name string
	Tags []string
}

// SessionCache maps ids to weakly held session records.
type SessionCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Session]
}

// NewSessionCache returns an empty cache.
func NewSessionCache() *SessionCache {
	return &SessionCache{m: make(map[int]weak.Pointer[Session])}
}

// Get returns the cached record, or nil if it was collected.
func (c *SessionCache) Get(id int) *Session {
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
func (c *SessionCache) Put(v *Session) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *SessionCache) Prune() int {
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

// SessionName returns the name of the record p points to.
func SessionName(p weak.Pointer[Session]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// SessionLabel formats the record's tags.
func SessionLabel(v *Session) string {
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
