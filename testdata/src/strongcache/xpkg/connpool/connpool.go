// Package connpool keeps another package's connections weakly, keyed by
// their id (never reused: conns.Conn.ID is an identity, by fact) or by
// their address (shared).
package connpool

import (
	"runtime"
	"sync"
	"weak"

	"strongcache/xpkg/conns"
)

type Pool struct {
	mu       sync.Mutex
	borrowed map[uint64]weak.Pointer[conns.Conn]
	byAddr   map[string]weak.Pointer[conns.Conn]
}

func (p *Pool) Track(c *conns.Conn) { // want Track:`keeps\(weak 0 in \[-1\]\)`
	p.mu.Lock()
	p.borrowed[c.ID()] = weak.Make(c)
	p.byAddr[c.Addr()] = weak.Make(c)
	p.mu.Unlock()
	runtime.AddCleanup(c, p.forget, c.ID())
	runtime.AddCleanup(c, p.forgetAddr, c.Addr())
}

// Quiet: the id of a dead connection is never reused, so its entry can
// only be its own.
func (p *Pool) forget(id uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.borrowed, id)
}

// Positive: another connection to the same address may be stored there.
func (p *Pool) forgetAddr(addr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.byAddr, addr) // want `cleanup deletes the entry of Pool.byAddr unconditionally`
}
