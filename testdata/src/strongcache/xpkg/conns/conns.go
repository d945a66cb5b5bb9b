// Package conns numbers its connections from a counter; ID returns that
// number, which strongcache.Facts marks as an identity for importers.
package conns

import (
	"sync/atomic"
	"weak"
)

var seq atomic.Uint64

type Conn struct {
	id   uint64
	addr string
}

func Dial(addr string) *Conn { return &Conn{id: seq.Add(1), addr: addr} }

func (c *Conn) ID() uint64 { return c.id } // want ID:`identity`

// Addr names the peer: two connections may share it.
func (c *Conn) Addr() string { return c.addr }

// Handle is a weak handle to c.
func (c *Conn) Handle() weak.Pointer[Conn] { return weak.Make(c) }
