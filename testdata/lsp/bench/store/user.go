package store

import (
	"strings"
	"sync"
	"weak"
)

// User is a cached user record.
type User struct {
	ID   int
	Name string
	Tags []string
}

// UserCache maps ids to weakly held user records.
type UserCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[User]
}

// NewUserCache returns an empty cache.
func NewUserCache() *UserCache {
	return &UserCache{m: make(map[int]weak.Pointer[User])}
}

// Get returns the cached record, or nil if it was collected.
func (c *UserCache) Get(id int) *User {
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
func (c *UserCache) Put(v *User) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *UserCache) Prune() int {
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

// UserName returns the name of the record p points to.
func UserName(p weak.Pointer[User]) string {
	return p.Value().Name // unchecked: weakderef reports this
}

// UserLabel formats the record's tags.
func UserLabel(v *User) string {
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
