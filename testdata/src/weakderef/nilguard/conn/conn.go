// Package conn has no weak code; Closed(nil) is true.
package conn

import "sync"

type Conn struct {
	mu     sync.Mutex
	closed bool
	out    []string
}

func (c *Conn) Closed() bool {
	if c == nil {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

func (c *Conn) Send(s string) { c.out = append(c.out, s) }
