// Package once registers cleanups through closures (sync.Once.Do,
// sync.OnceFunc, a helper that runs its argument) and through chains of
// wrappers declared caller-first: each is a wrapper (a fact) whatever the
// order of declarations.
package once

import (
	"runtime"
	"sync"
)

type Conn struct {
	once sync.Once
	fd   int
}

// Register attaches fn through a sync.Once.
func (c *Conn) Register(obj *Conn, fn func(int)) { // want Register:`registrar\(runtime.AddCleanup obj=1 fn=\[2\] arg=\[\]\)`
	c.once.Do(func() {
		runtime.AddCleanup(obj, fn, obj.fd)
	})
}

// Lazy returns a function that registers the cleanup when first called.
func Lazy(obj *Conn, fn func(int)) func() { // want Lazy:`registrar\(runtime.AddCleanup obj=0 fn=\[1\] arg=\[\]\)`
	return sync.OnceFunc(func() { runtime.AddCleanup(obj, fn, 0) })
}

func run(f func()) { f() }

// Helper registers through a helper that runs its argument, and a captured
// variable stored once.
func Helper(obj *Conn, fn func(int)) { // want Helper:`registrar\(runtime.AddCleanup obj=0 fn=\[1\] arg=\[\]\)`
	target := obj
	run(func() {
		runtime.AddCleanup(target, fn, 1)
		target = target // a second store: still a wrapper through obj below
	})
	run(func() { runtime.AddCleanup(obj, fn, 2) })
}

// A chain declared caller-first, mutual recursion included.
func Top(obj *Conn, fn func(int)) { middle(obj, fn) } // want Top:`registrar\(runtime.AddCleanup obj=0 fn=\[1\] arg=\[\]\)`

func middle(obj *Conn, fn func(int)) { bottom(obj, fn, 3) } // want middle:`registrar\(runtime.AddCleanup obj=0 fn=\[1\] arg=\[\]\)`

func bottom(obj *Conn, fn func(int), n int) { // want bottom:`registrar\(runtime.AddCleanup obj=0 fn=\[1\] arg=\[\]\)`
	if n > 0 {
		again(obj, fn, n-1)
		return
	}
	runtime.AddCleanup(obj, fn, n)
}

func again(obj *Conn, fn func(int), n int) { bottom(obj, fn, n) } // want again:`registrar\(runtime.AddCleanup obj=0 fn=\[1\] arg=\[\]\)`

// Not a wrapper: the closure registers on a fresh object.
func Fresh(fn func(int)) {
	run(func() { runtime.AddCleanup(new(Conn), fn, 0) })
}
