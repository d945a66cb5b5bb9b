// Package facts checks the Fact of each shape of wrapper: a bare result, a
// comma-ok result, a result guarded by an error, a referent inside a
// returned struct.
package facts

import (
	"weak"
)

type Item struct{ Name string }

type Cache struct{ m map[string]weak.Pointer[Item] }

func (c *Cache) Get(k string) *Item { return c.m[k].Value() } // want Get:"maybeNil\\(0\\)"

func (c *Cache) Lookup(k string) (*Item, bool) { // want Lookup:"maybeNil\\(0 ok=1\\)"
	v := c.m[k].Value()
	return v, v != nil
}

func (c *Cache) indirect(k string) *Item { return c.Get(k) } // want indirect:"maybeNil\\(0\\)"

// Checked: no fact.
func (c *Cache) MustGet(k string) *Item {
	if v := c.Get(k); v != nil {
		return v
	}
	panic("gone")
}

// A fresh value on the nil path: no fact.
func (c *Cache) GetOrNew(k string) *Item {
	v := c.Get(k)
	if v == nil {
		v = &Item{Name: k}
	}
	return v
}

// Referents collected unchecked into the slice returned: its elements.
func (c *Cache) Many(ks []string) []*Item { // want Many:"maybeNil\\(0\\[\\]\\)"
	var out []*Item
	for _, k := range ks {
		out = append(out, c.Get(k))
	}
	return out
}

// Only the checked ones: no fact.
func (c *Cache) Live(ks []string) []*Item {
	var out []*Item
	for _, k := range ks {
		if v := c.Get(k); v != nil {
			out = append(out, v)
		}
	}
	return out
}

// nil after a loop that skips reclaimed entries, or from the ok-less getter.
func (c *Cache) AnyLive(ks []string) *Item { // want AnyLive:"maybeNil\\(0\\)"
	for _, k := range ks {
		if v := c.Get(k); v != nil {
			return v
		}
	}
	return nil
}
