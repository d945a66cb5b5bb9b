package weakmap

import "weak"

// A map of pointers to structs that keep a weak pointer to something else
// is a strong registry, not a weak map: its entries never die.

type host struct{ name string }

type entity struct {
	id   string
	host weak.Pointer[host]
}

// Quiet: a per-load result of entities, each with a weak pointer to its
// host (kaiju's LoadResult.EntitiesById).
type loadResult struct {
	entities []*entity
	byID     map[string]*entity
}

func load(h *host, ids []string) *loadResult {
	res := &loadResult{byID: map[string]*entity{}}
	for _, id := range ids {
		e := &entity{id: id}
		e.host = weak.Make(h)
		res.entities = append(res.entities, e)
		res.byID[id] = e
	}
	return res
}

// Quiet: a graph's nodes, each with weak pointers to its parents.
type graphNode struct {
	parents []weak.Pointer[graphNode]
}

type graph struct {
	nodes map[string]*graphNode
}

func (g *graph) add(name string, parent *graphNode) {
	n := &graphNode{}
	if parent != nil {
		n.parents = append(n.parents, weak.Make(parent))
	}
	g.nodes[name] = n
}

// Positive: the entries are created for the weak pointer they wrap.
type wrapped struct {
	wp   weak.Pointer[host]
	size int
}

type hostCache struct {
	m map[string]*wrapped // want `entries of hostCache.m are never removed`
}

func (c *hostCache) Put(k string, h *host) { // want Put:`keeps\(weak 1 in \[\-1\]\)`
	c.m[k] = &wrapped{wp: weak.Make(h), size: len(h.name)}
}

// Positive: the entries come from elsewhere, but the map is where the
// referent is looked up: a dead entry stays.
type hostIndex struct {
	m map[string]*wrapped // want `entries of hostIndex.m are never removed`
}

func (c *hostIndex) Put(k string, w *wrapped) { c.m[k] = w }

func (c *hostIndex) Get(k string) *host {
	if w, ok := c.m[k]; ok {
		return w.wp.Value()
	}
	return nil
}
