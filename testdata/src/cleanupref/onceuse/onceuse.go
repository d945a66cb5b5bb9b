// Package onceuse misuses the wrappers of registrars/once from another
// package: the facts carry registrations made in closures (sync.Once.Do)
// and through a chain of wrappers declared caller-first.
package onceuse

import "registrars/once"

func bad(c *once.Conn) {
	c.Register(c, func(int) { _ = c }) // want `cleanup function captures c, so c is never collected`
	once.Top(c, func(int) { _ = c })   // want `cleanup function captures c, so c is never collected`
}

func good(c *once.Conn, log func(string)) {
	c.Register(c, func(fd int) { log("closed") })
	once.Top(c, func(int) { log("gone") })
}
