// Package rw uses runtimeweak's getters, whose ok result guards the pointer.
package rw

import "github.com/weaklint/weaklint/runtimeweak"

type Conn struct{ Addr string }

var conns runtimeweak.ValueMap[string, Conn]

func addr(k string) string {
	if c, ok := conns.Load(k); ok {
		return c.Addr
	}
	return ""
}

func addrNilCheck(k string) string {
	if c, _ := conns.Load(k); c != nil {
		return c.Addr
	}
	return ""
}

func addrUnchecked(k string) string {
	c, _ := conns.Load(k)
	return c.Addr // want `possible nil dereference: conns.Load\(k\) returns nil once the referent is garbage collected`
}

func created(k string) string {
	return conns.LoadOrCreate(k, func() *Conn { return &Conn{Addr: k} }).Addr
}

func peek(f *runtimeweak.Finalizer[Conn, int]) string {
	obj, _, ok := f.Peek()
	if !ok {
		return ""
	}
	return obj.Addr
}

func peekUnchecked(f *runtimeweak.Finalizer[Conn, int]) string {
	obj, _, _ := f.Peek()
	return obj.Addr // want `possible nil dereference: f.Peek\(\)`
}

func cached(c *runtimeweak.Cache[string, Conn], k string) string {
	v, ok := c.Load(k)
	if !ok {
		return ""
	}
	return v.Addr
}
