// Package rtweak uses runtimeweak.NewFinalizer, a registrar like
// runtime.AddCleanup: neither fn nor arg may reach obj.
package rtweak

import "github.com/weaklint/weaklint/runtimeweak"

type Conn struct {
	fd   int
	addr string
	pool *Pool
}

type Pool struct{ conns []*Conn }

func closeFD(fd int)    {}
func closeConn(c *Conn) {}
func closePool(p *Pool) {}
func use(...any)        {}

func bad(c *Conn) {
	runtimeweak.NewFinalizer(c, func(int) { use(c) }, 0) // want `cleanup function captures c, so c is never collected and the cleanup never runs`
	runtimeweak.NewFinalizer(c, closeConn, c)            // want `cleanup argument c is the object itself, so runtimeweak.NewFinalizer panics at run time`
	runtimeweak.NewFinalizer(c, closePool, c.pool)       // want `cleanup argument c.pool, which can point back to c`
	fin := runtimeweak.NewFinalizer(c, func(string) {}, c.addr)
	runtimeweak.NewFinalizer(c, func(int) { fin.Call() }, 0) // quiet: fin does not hold c (results of calls are not followed)
}

func good(c *Conn) {
	other := &Conn{}
	runtimeweak.NewFinalizer(c, closeFD, c.fd)
	runtimeweak.NewFinalizer(c, func(addr string) { use(addr) }, c.addr)
	runtimeweak.NewFinalizer(c, closeConn, other)
	runtimeweak.NewFinalizer(c, func(int) { use(other) }, 0)
}
