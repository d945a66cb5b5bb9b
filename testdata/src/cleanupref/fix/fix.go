// Package fix holds cleanups whose closure reads a single field of the
// object: the suggested fix passes the field as the cleanup argument.
package fix

import (
	"runtime"
	"sync"
	"time"
)

type File struct {
	fd    int
	name  string
	ttl   time.Duration
	conn  *File
	pos   Pos
	inner struct{ n int }
}

type Pos struct{ line, col int }

func closeFD(fd int) {}
func use(...any)     {}

func fixed() {
	f := &File{fd: 3}
	runtime.AddCleanup(f, func(int) { closeFD(f.fd) }, 0) // want `cleanup function captures f, so f is never collected and the cleanup never runs: pass what it needs \(f.fd\) as the cleanup argument`

	g := &File{name: "g"}
	runtime.AddCleanup(g, func(struct{}) { use(g.name, len(g.name)) }, struct{}{}) // want `pass what it needs \(g.name\) as the cleanup argument`

	h := &File{ttl: time.Second}
	runtime.AddCleanup(h, func(_ int) { use(h.ttl) }, 0) // want `pass what it needs \(h.ttl\) as the cleanup argument`

	p := &File{}
	runtime.AddCleanup(p, func(x bool) { use(p.pos) }, false) // want `pass what it needs \(p.pos\) as the cleanup argument`
}

func notMechanical() {
	f := &File{}
	// Two fields: no single argument to pass.
	runtime.AddCleanup(f, func(int) { use(f.fd, f.name) }, 0) // want `pass what it needs as the cleanup argument instead`
	// The whole object is used.
	runtime.AddCleanup(f, func(int) { use(f) }, 0) // want `a cleanup can never use f itself, so it cannot be written this way`
	// A field that can point back to f.
	runtime.AddCleanup(f, func(int) { use(f.conn) }, 0) // want `pass what it needs as the cleanup argument instead`
	// The parameter is used.
	runtime.AddCleanup(f, func(n int) { use(n, f.fd) }, 1) // want `pass what it needs as the cleanup argument instead`
	// The argument has side effects.
	runtime.AddCleanup(f, func(int) { use(f.fd) }, next()) // want `pass what it needs as the cleanup argument instead`
	// The name fd is taken.
	fd := 4
	runtime.AddCleanup(f, func(int) { use(f.fd, fd) }, 0) // want `pass what it needs as the cleanup argument instead`
	// An anonymous struct type.
	runtime.AddCleanup(f, func(int) { use(f.inner) }, 0) // want `pass what it needs \(f.inner\) as the cleanup argument`
}

func next() int { return 0 }

type Guarded struct {
	mu    sync.Mutex
	n     int
	arr   [4]int
	items []int
}

// The closure uses the field as a variable: a copy would not do.
func writesField() {
	g := &Guarded{}
	runtime.AddCleanup(g, func(int) { g.n = -1 }, 0)       // want `pass what it needs as the cleanup argument instead`
	runtime.AddCleanup(g, func(int) { g.n++ }, 0)          // want `pass what it needs as the cleanup argument instead`
	runtime.AddCleanup(g, func(int) { use(&g.n) }, 0)      // want `pass what it needs as the cleanup argument instead`
	runtime.AddCleanup(g, func(int) { g.mu.Lock() }, 0)    // want `pass what it needs as the cleanup argument instead`
	runtime.AddCleanup(g, func(int) { g.arr[0] = 1 }, 0)   // want `pass what it needs as the cleanup argument instead`
	runtime.AddCleanup(g, func(int) { use(g.arr[1]) }, 0)  // want `pass what it needs \(g.arr\) as the cleanup argument`
	runtime.AddCleanup(g, func(int) { g.items[0] = 1 }, 0) // want `pass what it needs \(g.items\) as the cleanup argument`
}
