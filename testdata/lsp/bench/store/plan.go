package store

import (
	"strings"
	"sync"
	"weak"
)

// Plan is a cached plan record.
type Plan struct {
	ID   int
	Name string
	Tags []string
}

// PlanCache maps ids to weakly held plan records.
type PlanCache struct {
	mu sync.Mutex
	m  map[int]weak.Pointer[Plan]
}

// NewPlanCache returns an empty cache.
func NewPlanCache() *PlanCache {
	return &PlanCache{m: make(map[int]weak.Pointer[Plan])}
}

// Get returns the cached record, or nil if it was collected.
func (c *PlanCache) Get(id int) *Plan {
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
func (c *PlanCache) Put(v *Plan) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[v.ID] = weak.Make(v)
}

// Prune drops the entries whose records were collected.
func (c *PlanCache) Prune() int {
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

// PlanName returns the name of the record p points to.
func PlanName(p weak.Pointer[Plan]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

// PlanLabel formats the record's tags.
func PlanLabel(v *Plan) string {
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
