package weakmap

import (
	"hash/maphash"
	"weak"
)

// Sharded weak maps: an array or slice of weak maps is a weak map too.

type glyph struct{ r rune }

var seed = maphash.MakeSeed()

func shardOf(k string) int { return int(maphash.String(seed, k) % 8) }

// Positive: shards filled, never pruned.
type glyphCache struct {
	shards [8]map[string]weak.Pointer[glyph] // want `entries of glyphCache.shards are never removed`
}

func NewGlyphCache() *glyphCache {
	c := &glyphCache{}
	for i := range c.shards {
		c.shards[i] = map[string]weak.Pointer[glyph]{}
	}
	return c
}

func (c *glyphCache) Put(k string, g *glyph) { // want Put:`keeps\(weak 1 in \[\-1\]\)`
	c.shards[shardOf(k)][k] = weak.Make(g)
}

// Quiet: an exported sweep deletes dead entries shard by shard.
type runeCache struct {
	shards []map[rune]weak.Pointer[glyph]
}

func (c *runeCache) Put(g *glyph) { // want Put:`keeps\(weak 0 in \[\-1\]\)`
	s := c.shards[int(g.r)%len(c.shards)]
	s[g.r] = weak.Make(g)
}

func (c *runeCache) Sweep() {
	for i := range c.shards {
		for r, wp := range c.shards[i] {
			if wp.Value() == nil {
				delete(c.shards[i], r)
			}
		}
	}
}

// Quiet: an exported Reset replaces every shard.
type fontCache struct {
	shards [4]map[string]weak.Pointer[glyph]
}

func (c *fontCache) Put(k string, g *glyph) { c.shards[len(k)%4][k] = weak.Make(g) } // want Put:`keeps\(weak 1 in \[\-1\]\)`

func (c *fontCache) Reset() {
	for i := range c.shards {
		c.shards[i] = make(map[string]weak.Pointer[glyph])
	}
}
