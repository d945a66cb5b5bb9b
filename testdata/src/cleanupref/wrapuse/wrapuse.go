// Package wrapuse calls the wrappers of package wrap: their callers are
// checked with the registrars' rules.
package wrapuse

import "registrars/wrap"

type File struct {
	fd   int
	self *File
}

func (f *File) Close()    {}
func (f *File) close(int) {}
func closeFD(fd int)      {}
func closeFile(f *File)   {}
func use(...any)          {}

func bad() {
	f := &File{fd: 3}
	wrap.OnCollect(f, func() { f.Close() })    // want `cleanup function captures f, so f is never collected and the cleanup never runs`
	wrap.OnCollect(f, f.Close)                 // want `cleanup function is a method value bound to f`
	wrap.Track(f, func(int) { use(f) }, 0)     // want `cleanup function captures f`
	wrap.Track(f, closeFile, f)                // want `cleanup argument f is the object itself, so runtime.AddCleanup panics at run time`
	wrap.Track(f, closeFile, f.self)           // want `cleanup argument f.self, which can point back to f`
	wrap.TrackDeep(f, f, closeFile)            // want `cleanup argument f is the object itself, so runtime.AddCleanup panics`
	wrap.TrackDeep(0, f, func(int) { use(f) }) // want `cleanup function captures f`
	wrap.Finalize(f, func(*File) { use(f) })   // want `finalizer function captures f`

	var r wrap.Registry
	n := new(int)
	r.Watch(n, func(int) { use(n) }) // want `cleanup function captures n`
	watch := r.Watch
	watch(n, func(int) { use(n) })             // want `cleanup function captures n`
	wrap.Weak(f, func(string) { use(f) }, "f") // want `cleanup function captures f`
}

func good() {
	f, g := &File{fd: 3}, &File{}
	wrap.OnCollect(f, func() { closeFD(3) })
	wrap.OnCollect(f, g.Close)
	wrap.Track(f, closeFD, f.fd)
	wrap.Track(f, closeFile, g)
	wrap.TrackDeep(f.fd, f, closeFD)
	wrap.Finalize(f, func(f *File) { f.Close() })
	wrap.CloseFD(f, f.fd)
	wrap.Own(func(int) { use(f) })
	var r wrap.Registry
	n := new(int)
	r.Watch(n, func(v int) { use(v) })
	wrap.Weak(f, func(name string) { use(name) }, "f")
}

func variadic() {
	f, g := &File{fd: 3}, &File{}
	wrap.OnCollectAll(f, func() { closeFD(3) }, func() { use(f) }) // want `cleanup function captures f, so f is never collected`
	wrap.OnCollectAll(f, func() { use(g) }, g.Close)
	wrap.OnCollectAll(f, []func(){f.Close}...) // want `cleanup function is a method value bound to f, so f is never collected`
}
