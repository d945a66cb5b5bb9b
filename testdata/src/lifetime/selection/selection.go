// Package selection imports no weak package, so weaklint builds the SSA
// form of only the functions that may reach a cleanup (lazyssa's GetFor)
// and of those that use what the cleanups teach (GetUsing). The findings
// come through chains of the package's own functions, closures, method
// values, interfaces and func-typed fields; the functions that reach none
// are left unbuilt.
package selection

import (
	"runtime"
	"syscall"
)

type tiny struct{ n int32 }

// onCollect is a wrapper: its callers are checked with their arguments.
func onCollect[T any](obj *T) { runtime.AddCleanup(obj, func(int) {}, 0) }

// relay is a wrapper through a wrapper.
func relay[T any](p *T) { onCollect(p) }

func direct() { onCollect(new(tiny)) } // want `runtime.AddCleanup of a 4-byte pointer-free object \(tiny\)`

func chained() { relay(&tiny{}) } // want `runtime.AddCleanup of a 4-byte pointer-free object \(tiny\)`

func inClosure() {
	func() { relay(new(tiny)) }() // want `runtime.AddCleanup of a 4-byte pointer-free object \(tiny\)`
}

type registrar interface{ register(p *tiny) }

type byMethod struct{}

func (byMethod) register(p *tiny) { relay(p) } // want `runtime.AddCleanup of a 4-byte pointer-free object \(tiny\)`

// viaInterface may run byMethod.register.
func viaInterface(r registrar) { r.register(new(tiny)) }

func makeRegistrar() registrar { return byMethod{} }

type hooks struct{ add func(*tiny) }

// viaField may run what a hooks holds.
func viaField(h hooks) { h.add(new(tiny)) }

func newHooks() hooks { return hooks{add: relay[tiny]} }

var static = &tiny{n: 1}

var moved = &tiny{n: 2}

func registerStatic() { onCollect(static) } // want `runtime.AddCleanup of the object of package-level variable static: its initializer &T\{…\} is allocated statically`

func registerMoved() { onCollect(moved) } // want `runtime.AddCleanup of a 4-byte pointer-free object \(tiny\)`

// reset makes moved a heap object: registerMoved's finding depends on it.
func reset() { moved = new(tiny) }

// file's cleanup closes its descriptor.
type file struct {
	fd   int
	name string
}

func open(fd int) *file {
	f := &file{fd: fd}
	runtime.AddCleanup(f, func(fd int) { syscall.Close(fd) }, fd)
	return f
}

// descriptor is an accessor, found by the fields the cleanup releases.
func (f *file) descriptor() int { return f.fd }

// read uses the descriptor after the last use of f.
func read(f *file, b []byte) (int, error) { return syscall.Read(f.fd, b) } // want `f.fd is used after the last use of f`

func stat(f *file) error {
	var st syscall.Stat_t
	return syscall.Fstat(f.descriptor(), &st) // want `f.descriptor\(\) is used after the last use of f`
}

// unrelated reaches no cleanup and uses no resource: never built.
func unrelated(xs []int) (n int) {
	for _, x := range xs {
		n += x
	}
	return n
}
