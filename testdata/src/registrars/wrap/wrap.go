// Package wrap declares functions that forward their parameters to the
// registrars; each becomes a registrar itself (a fact), checked in package
// cleanupref/wrapuse.
package wrap

import (
	"runtime"

	"github.com/weaklint/weaklint/runtimeweak"
)

// OnCollect runs fn once p is collected: fn is captured by the cleanup.
func OnCollect[T any](p *T, fn func()) { // want OnCollect:`registrar\(runtime.AddCleanup obj=0 fn=\[1\] arg=\[\]\)`
	runtime.AddCleanup(p, func(struct{}) { fn() }, struct{}{})
}

// Track forwards everything unchanged.
func Track[T, S any](p *T, cleanup func(S), arg S) { // want Track:`registrar\(runtime.AddCleanup obj=0 fn=\[1\] arg=\[2\]\)`
	runtime.AddCleanup(p, cleanup, arg)
}

// TrackDeep forwards through another wrapper.
func TrackDeep[T, S any](arg S, p *T, cleanup func(S)) { // want TrackDeep:`registrar\(runtime.AddCleanup obj=1 fn=\[2\] arg=\[0\]\)`
	Track(p, cleanup, arg)
}

// Finalize sets a finalizer.
func Finalize(obj any, fn any) { // want Finalize:`registrar\(runtime.SetFinalizer obj=0 fn=\[1\] arg=\[\]\)`
	runtime.SetFinalizer(obj, fn)
}

// Registry attaches cleanups through a method.
type Registry struct{ n int }

// Watch is a method wrapper: the receiver is argument 0.
func (r *Registry) Watch(p *int, fn func(int)) { // want Watch:`registrar\(runtime.AddCleanup obj=1 fn=\[2\] arg=\[\]\)`
	r.n++
	runtime.AddCleanup(p, fn, 0)
}

// Weak forwards to runtimeweak.NewFinalizer.
func Weak[T any](p *T, fn func(string), name string) { // want Weak:`registrar\(runtimeweak.NewFinalizer obj=0 fn=\[1\] arg=\[\]\)`
	runtimeweak.NewFinalizer(p, fn, name)
}

// CloseFD is not a wrapper: it passes only an int that cannot reach p.
func CloseFD[T any](p *T, fd int) {
	runtime.AddCleanup(p, closeFD, fd)
}

// Own is not a wrapper: its object is not a parameter.
func Own(fn func(int)) {
	runtime.AddCleanup(new([8]int), fn, 0)
}

func closeFD(int) {}

// OnCollectAll runs every fn once p is collected.
func OnCollectAll[T any](p *T, fns ...func()) { // want OnCollectAll:`registrar\(runtime.AddCleanup obj=0 fn=\[1\] arg=\[\]\)`
	runtime.AddCleanup(p, func(struct{}) {
		for _, fn := range fns {
			fn()
		}
	}, struct{}{})
}
