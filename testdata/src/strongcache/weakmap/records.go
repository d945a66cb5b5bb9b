package weakmap

import (
	"sync"
	"weak"
)

// A map of public records that carry an auxiliary weak pointer holds data
// of its own: the entry stays meaningful after the referent dies, and is
// not a dead weak pointer to prune. An unexported entry wrapping the weak
// pointer is.

type Texture struct{ pix []byte }

// Item is a record handed to clients; its icon is auxiliary.
type Item struct {
	ID     int
	Name   string
	Weight int
	icon   weak.Pointer[Texture]
}

type Catalog struct {
	mu    sync.Mutex
	items map[int]*Item
	vers  map[string][]*Item
}

func (c *Catalog) Define(id int, name string, icon *Texture) { // want Define:`keeps\(weak 2 in \[\-1\]\)`
	it := &Item{ID: id, Name: name, icon: weak.Make(icon)}
	c.mu.Lock()
	c.items[id] = it
	c.vers[name] = append(c.vers[name], it)
	c.mu.Unlock()
}

func (c *Catalog) Item(id int) *Item {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items[id]
}

func (c *Catalog) Icon(id int) *Texture {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items[id].icon.Value()
}

type iconEntry struct {
	wp   weak.Pointer[Texture]
	name string
}

type iconCache struct {
	mu sync.Mutex
	m  map[string]*iconEntry // want `entries of iconCache.m are never removed`
}

func (c *iconCache) put(name string, t *Texture) {
	c.mu.Lock()
	c.m[name] = &iconEntry{wp: weak.Make(t), name: name}
	c.mu.Unlock()
}
