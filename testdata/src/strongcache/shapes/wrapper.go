package shapes

import (
	"runtime"
	"sync"
	"weak"
)

// A getter of the package that returns the referent: its callers hold the
// referent as if they had called Value themselves.
type configCache struct {
	mu sync.Mutex
	m  map[string]weak.Pointer[T]
}

func (c *configCache) Get(k string) *T {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k].Value()
}

func (c *configCache) Put(k string, v *T) { // want Put:`keeps\(weak 1 in \[\-1\]\)`
	wp := weak.Make(v)
	c.mu.Lock()
	c.m[k] = wp
	c.mu.Unlock()
	runtime.AddCleanup(v, func(k string) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.m[k] == wp {
			delete(c.m, k)
		}
	}, k)
}

var (
	configs = &configCache{m: map[string]weak.Pointer[T]{}}
	active  *T
)

// Positive: the referent, through the getter, kept in a package-level variable.
func Activate(name string) {
	v := configs.Get(name)
	if v == nil {
		return
	}
	active = v // want `v is held by a weak pointer and also stored strongly in active, a package-level variable`
}

// Negative: used and dropped.
func Describe(name string) string {
	if v := configs.Get(name); v != nil {
		return v.name
	}
	return ""
}
