package weaktest_test

import (
	"fmt"
	"testing"

	"github.com/weaklint/weaklint/runtimeweak"
	"github.com/weaklint/weaklint/runtimeweak/weaktest"
)

// printer is a testing.TB that prints failures, so that the examples can show
// them; a test passes its own *testing.T instead.
type printer struct {
	testing.TB
	name     string
	cleanups []func()
}

func (p *printer) Helper()                   {}
func (p *printer) Name() string              { return p.name }
func (p *printer) Cleanup(f func())          { p.cleanups = append(p.cleanups, f) }
func (p *printer) Errorf(f string, a ...any) { fmt.Printf(f+"\n", a...) }

// finish runs the cleanups, as the testing package does at the end of a test.
func (p *printer) finish() {
	for _, f := range p.cleanups {
		f()
	}
}

type Conn struct {
	Addr string
	buf  []byte
}

var pool []*Conn // a global that keeps what it holds

// Collected checks that an object is released. The first Conn is; the second
// is kept by a global, and Collected says so, after asking the runtime
// (GODEBUG=checkfinalizers=1, in a subprocess) whether a cleanup holds it.
func ExampleCollected() {
	t := &printer{name: "ExampleCollected"} // in a test: t *testing.T
	defer t.finish()

	weaktest.Collected(t, func() *Conn {
		return &Conn{Addr: "released", buf: make([]byte, 64)}
	})
	weaktest.Collected(t, func() *Conn {
		c := &Conn{Addr: "pooled"}
		pool = append(pool, c)
		return c
	})
	// Output:
	// weaktest: the *weaktest_test.Conn built by make is still reachable after 50 collections: no cleanup or finalizer reaches it (GODEBUG=checkfinalizers=1 found none), so something else holds it: a global, a goroutine, a map or cache
}

type File struct {
	Name string
	fd   int
}

// NoLeak checks that code leaves no cleanup pending. Here each File gets a
// finalizer that closes its descriptor; the file that stays open in a global
// keeps its finalizer pending.
func ExampleNoLeak() {
	t := &printer{name: "ExampleNoLeak"}
	defer t.finish()
	var open []*File

	openFile := func(name string, fd int) *File {
		f := &File{Name: name, fd: fd}
		runtimeweak.NewFinalizer(f, func(fd int) { /* close(fd) */ }, f.fd)
		return f
	}
	weaktest.NoLeak(t, func() {
		openFile("a.txt", 3) // dropped: its finalizer runs
	})
	weaktest.NoLeak(t, func() {
		open = append(open, openFile("b.txt", 4))
	})
	fmt.Println(len(open), "file kept open")
	// Output:
	// weaktest: 1 cleanups registered through runtimeweak during f are still pending after 50 collections: the objects they are attached to are still reachable: no cleanup or finalizer reaches it (GODEBUG=checkfinalizers=1 found none), so something else holds it: a global, a goroutine, a map or cache
	// 1 file kept open
}
