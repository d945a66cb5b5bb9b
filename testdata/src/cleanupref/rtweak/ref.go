package rtweak

import (
	"sync"

	"github.com/weaklint/weaklint/runtimeweak"
)

// A Ref's callback runs after its referent is collected, like a cleanup: if
// it reaches the referent, the referent is never collected.

type Registry struct {
	mu    sync.Mutex
	names map[runtimeweak.Ref[Conn]]string
}

func (r *Registry) forget(ref runtimeweak.Ref[Conn]) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.names, ref)
}

func (r *Registry) track(c *Conn) { // registrar fact (registrars analyzer): MakeRef obj=1 fn=[0]
	r.mu.Lock()
	defer r.mu.Unlock()
	r.names[runtimeweak.MakeRef(c, r.forget)] = c.addr // quiet: the callback holds the registry, not c
}

func (r *Registry) trackLogged(c *Conn) {
	addr := c.addr
	runtimeweak.MakeRef(c, func(runtimeweak.Ref[Conn]) { use("closed", addr) }) // quiet: a copied field
	runtimeweak.MakeRef(c, nil)                                                 // quiet: no callback
}

func leakByCapture(c *Conn) runtimeweak.Ref[Conn] {
	return runtimeweak.MakeRef(c, func(runtimeweak.Ref[Conn]) { closeFD(c.fd) }) // want `cleanup function captures c, so c is never collected and the cleanup never runs`
}

func leakByPool(c *Conn) {
	p := c.pool
	runtimeweak.MakeRef(c, func(runtimeweak.Ref[Conn]) { closePool(p) }) // want `cleanup function captures p, which can point back to c`
}

func (c *Conn) onCollected(runtimeweak.Ref[Conn]) {}

func leakByMethodValue(c *Conn) {
	runtimeweak.MakeRef(c, c.onCollected) // want `cleanup function is a method value bound to c, so c is never collected`
}

// The callback gets the (dead) Ref: using it is the correct idiom.
func logged(c *Conn) {
	runtimeweak.MakeRef(c, func(r runtimeweak.Ref[Conn]) {
		if v := r.Value(); v == nil {
			use("collected")
		}
	})
}
