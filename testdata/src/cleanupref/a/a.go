// Package a holds the direct uses of runtime.AddCleanup and
// runtime.SetFinalizer: each reported line is marked with "want", and the
// correct variants sit beside them.
package a

import (
	"os"
	"runtime"
	"syscall"
)

// File owns a descriptor; conn cannot lead back to a File.
type File struct {
	fd   int
	name string
	buf  [64]byte
	data []byte
	conn *Conn
	peer *Peer
	meta Meta
	rw   ReadWriter
}

// Conn holds no pointer to a File.
type Conn struct{ id int }

func (c *Conn) Close() {}

// Peer can point back to its File.
type Peer struct{ owner *File }

func (p *Peer) Close() {}

func (p *Peer) release(int) {}

// Meta is a struct of non-pointer fields.
type Meta struct {
	mode int
	size int64
}

// ReadWriter is an interface: its dynamic value is unknown.
type ReadWriter interface{ Close() error }

func (f *File) Close() error          { return nil }
func (f *File) close(int)             {}
func (f File) closeValue(int)         {}
func closeFD(fd int)                  { syscall.Close(fd) }
func closeConn(c *Conn)               { c.Close() }
func closePeer(p *Peer)               { p.Close() }
func closeMeta(m Meta)                {}
func closeRW(rw ReadWriter)           { rw.Close() }
func closeName(name string)           { os.Remove(name) }
func use(...any)                      {}
func newFile() *File                  { return &File{fd: 3, conn: &Conn{}, peer: &Peer{}} }
func finalize(f *File)                { f.Close() }
func cond() bool                      { return len(os.Args) > 1 }
func closeBytes(b []byte)             {}
func closeBufPtr(b *[64]byte)         {}
func closeFile(f *File)               {}
func closeAny(v any)                  {}
func closeFiles(fs []*File)           {}
func closeHolder(h *holder)           {}
func closePtrs(p **File)              {}
func closeConns(cs map[int]*Conn)     {}
func closeFunc(func())                {}
func closeConnArray(a [2]*Conn)       {}
func closeFileVar(f **File)           {}
func closeStruct(s struct{ f *File }) {}

type holder struct{ f *File }

// --- reported: the cleanup function keeps the object ---

func capturesObject() {
	f := newFile()
	runtime.AddCleanup(f, func(int) { f.Close() }, 0) // want `cleanup function captures f, so f is never collected and the cleanup never runs: a cleanup can never use f itself, so it cannot be written this way: close f explicitly when done with it, or attach the cleanup to an object that owns f`
}

func capturesAlias() {
	f := newFile()
	g := f
	runtime.AddCleanup(f, func(int) { g.Close() }, 0) // want `cleanup function captures g, which refers to f, so f is never collected`
}

func capturesPhiAlias() {
	f := newFile()
	var g *File
	if cond() {
		g = f
	} else {
		g = newFile()
	}
	runtime.AddCleanup(f, func(int) { use(g) }, 0) // want `cleanup function captures g, which refers to f`
}

func capturesBackPointer() {
	f := newFile()
	peer := f.peer
	runtime.AddCleanup(f, func(int) { peer.Close() }, 0) // want `cleanup function captures peer, which can point back to f`
}

func capturesHolder() {
	f := newFile()
	h := &holder{f: f}
	runtime.AddCleanup(f, func(int) { use(h) }, 0) // want `cleanup function captures h, which holds f`
}

func capturesSlice() {
	f := newFile()
	all := []*File{f, newFile()}
	runtime.AddCleanup(f, func(int) { use(all) }, 0) // want `cleanup function captures all, which holds f`
}

func capturesInterior() {
	f := newFile()
	buf := f.buf[:]
	runtime.AddCleanup(f, func(int) { use(buf) }, 0) // want `cleanup function captures buf, which points into f`
}

func capturesPointerToVariable() {
	f := newFile()
	pf := &f
	runtime.AddCleanup(f, func(int) { use(pf) }, 0) // want `cleanup function captures pf, which refers to f`
}

func namedClosure() {
	f := newFile()
	cleanup := func(fd int) { closeFD(fd); f.Close() }
	runtime.AddCleanup(f, cleanup, f.fd) // want `cleanup function captures f, so f is never collected`
}

func nestedClosure() {
	f := newFile()
	inner := func() { f.Close() }
	runtime.AddCleanup(f, func(int) { inner() }, 0) // want `cleanup function captures inner, which refers to f`
}

func methodValue() {
	f := newFile()
	runtime.AddCleanup(f, f.close, 0) // want `cleanup function is a method value bound to f, so f is never collected`
}

func methodValueBackPointer() {
	f := newFile()
	runtime.SetFinalizer(f, func(*File) { f.peer.Close() }) // want `finalizer function captures f, so f is never collected and the finalizer never runs: use the finalizer's parameter instead`
	runtime.AddCleanup(f, func(func()) {}, f.peer.Close)    // want `cleanup argument f.peer.Close, a method value bound to f.peer, which can point back to f, so f is never collected`
}

func argMethodValueAndClosure() {
	f := newFile()
	runtime.AddCleanup(f, func(func() error) {}, f.Close)              // want `cleanup argument f.Close, a method value bound to f, so f is never collected`
	runtime.AddCleanup(f, func(fn func()) { fn() }, func() { use(f) }) // want `cleanup argument func\(\) { use\(f\) }, a closure capturing f, so f is never collected`
}

func methodValueOnBackPointer() {
	f := newFile()
	runtime.AddCleanup(f, f.peer.release, 0) // want `cleanup function is a method value bound to f.peer, which can point back to f`
}

func finalizerCaptures() {
	f := newFile()
	runtime.SetFinalizer(f, func(g *File) { g.Close(); f.Close() }) // want `finalizer function captures f`
}

func finalizerMethodValue() {
	f := newFile()
	runtime.SetFinalizer(f, f.Close) // want `finalizer function is a method value bound to f`
}

// --- reported: the cleanup argument keeps the object ---

func argIsObject() {
	f := newFile()
	runtime.AddCleanup(f, closeFile, f) // want `cleanup argument f is the object itself, so runtime.AddCleanup panics at run time`
}

func argIsAlias() {
	f := newFile()
	g := f
	runtime.AddCleanup(f, closeFile, g) // want `cleanup argument g is the object itself, so runtime.AddCleanup panics`
}

func argInteriorField() {
	f := newFile()
	runtime.AddCleanup(f, closeBufPtr, &f.buf) // want `cleanup argument &f.buf points into f, so runtime.AddCleanup panics at run time`
}

func argFirstField() {
	f := newFile()
	runtime.AddCleanup(f, func(*int) {}, &f.fd) // want `cleanup argument &f.fd is at offset 0 of f, the same address as f itself, so runtime.AddCleanup panics at run time`
}

func argInteriorSlice() {
	f := newFile()
	runtime.AddCleanup(f, closeBytes, f.buf[:]) // want `cleanup argument f.buf\[:\], which points into f`
}

func argBackPointer() {
	f := newFile()
	runtime.AddCleanup(f, closePeer, f.peer) // want `cleanup argument f.peer, which can point back to f`
}

func argHolder() {
	f := newFile()
	runtime.AddCleanup(f, closeFiles, []*File{f}) // want `cleanup argument \[\]\*File{f}, which holds f`
}

func argStructHolder() {
	f := newFile()
	runtime.AddCleanup(f, closeHolder, &holder{f: f}) // want `cleanup argument &holder{f: f}, which holds f`
}

func argInterface() {
	f := newFile()
	runtime.AddCleanup(f, closeAny, any(f)) // want `cleanup argument any\(f\), which refers to f, so f is never collected`
}

func argPointerToVariable() {
	f := newFile()
	runtime.AddCleanup(f, closeFileVar, &f) // want `cleanup argument &f, which refers to f`
}

func argStructValue() {
	f := newFile()
	runtime.AddCleanup(f, closeStruct, struct{ f *File }{f}) // want `cleanup argument struct{ f \*File }{f}, which holds f`
}

func objectInField(h *holder) {
	// The object is h.f: capturing h keeps it.
	runtime.SetFinalizer(h.f, func(*File) { use(h) }) // want `finalizer function captures h, which holds h.f`
}

func deferredRegistration() {
	f := newFile()
	defer runtime.AddCleanup(f, func(int) { f.Close() }, 0) // want `cleanup function captures f`
}

func genericCaptures[T any](p *T) {
	runtime.AddCleanup(p, func(int) { use(p) }, 0) // want `cleanup function captures p`
}

// --- quiet: correct cleanups and finalizers ---

func argFieldInt() {
	f := newFile()
	runtime.AddCleanup(f, closeFD, f.fd)
}

func argFieldString() {
	f := newFile()
	runtime.AddCleanup(f, closeName, f.name)
}

func argStructOfValues() {
	f := newFile()
	runtime.AddCleanup(f, closeMeta, f.meta)
}

func argPointerThatCannotPointBack() {
	f := newFile()
	runtime.AddCleanup(f, closeConn, f.conn)
}

func argInterfaceField() {
	f := newFile()
	runtime.AddCleanup(f, closeRW, f.rw)
}

func argSliceField() {
	f := newFile()
	runtime.AddCleanup(f, closeBytes, f.data) // a slice of bytes cannot point to a File
}

func argCopiedArray() {
	f := newFile()
	runtime.AddCleanup(f, func(b [64]byte) {}, f.buf)
}

func closureUsesArg() {
	f := newFile()
	runtime.AddCleanup(f, func(fd int) { closeFD(fd) }, f.fd)
}

func closureCapturesOtherObject() {
	f, g := newFile(), newFile()
	runtime.AddCleanup(f, func(int) { g.Close() }, 0)
}

func closureCapturesFieldThatCannotPointBack() {
	f := newFile()
	conn := f.conn
	runtime.AddCleanup(f, func(int) { conn.Close() }, 0)
}

func closureCapturesCopiedValue() {
	f := newFile()
	fd, name := f.fd, f.name
	runtime.AddCleanup(f, func(int) { closeFD(fd); closeName(name) }, 0)
}

func methodValueOnOtherObject() {
	f, g := newFile(), newFile()
	runtime.AddCleanup(f, g.close, f.fd)
}

func methodValueOnFieldThatCannotPointBack() {
	f := newFile()
	runtime.AddCleanup(f, func(func()) {}, f.conn.Close)
	runtime.SetFinalizer(f, func(*File) {})
}

// Handle has a value method and no pointers.
type Handle struct{ fd int }

func (h Handle) close(int) {}

func methodValueOnCopy() {
	// A value receiver binds a copy of *h, which holds no pointer to a Handle.
	h := &Handle{fd: 1}
	runtime.AddCleanup(h, h.close, 0)
}

func methodValueOnCopyThatCanPointBack() {
	// A copy of *f holds f.peer, whose type can lead back to a File.
	f := newFile()
	runtime.AddCleanup(f, f.closeValue, 0) // want `cleanup function is a method value bound to f, which can point back to f`
}

func topLevelFunction() {
	f := newFile()
	runtime.AddCleanup(f, closeFD, f.fd)
	runtime.SetFinalizer(f, finalize)
}

func methodExpression() {
	f := newFile()
	runtime.SetFinalizer(f, (*File).Close)
}

func finalizerUsesParameter() {
	f := newFile()
	runtime.SetFinalizer(f, func(f *File) { f.Close() })
	runtime.SetFinalizer(f, func(g *File) { closeFD(g.fd) })
}

func finalizerCleared() {
	f := newFile()
	runtime.SetFinalizer(f, nil)
}

func capturedBeforeReassignedToOther() {
	f := newFile()
	other := newFile()
	runtime.AddCleanup(f, func(int) { other.Close() }, 0)
	other = nil
	_ = other
}

func capturedThenCleared() {
	// The closure reads v when it runs; by then v no longer holds f.
	f := newFile()
	v := f
	runtime.AddCleanup(f, func(int) { use(v) }, 0)
	v = nil
}

func argOtherObject() {
	f, g := newFile(), newFile()
	runtime.AddCleanup(f, closeFile, g)
	runtime.AddCleanup(f, closeConn, g.conn)
}

func argCallResult() {
	// Results of calls are not followed.
	f := newFile()
	runtime.AddCleanup(f, closeFile, newFile())
}

func registerInMethod(f *File) {
	runtime.AddCleanup(f, closeFD, f.fd)
}

func genericCorrect[T any](p *T, id int) {
	runtime.AddCleanup(p, closeFD, id)
}

type pair struct{ a, b *File }

func siblingFieldOfLiteral() {
	f := newFile()
	p := &pair{a: f, b: newFile()}
	other := p.b
	runtime.AddCleanup(f, func(int) { use(other) }, 0)
	first := p.a
	runtime.AddCleanup(f, func(int) { use(first) }, 0) // want `cleanup function captures first, which refers to f`
}

func objectFieldCapturesSibling(h *holder, c *Conn) {
	runtime.SetFinalizer(h.f, func(*File) { c.Close() })
}

func registeredInClosure() {
	f := newFile()
	func() {
		runtime.AddCleanup(f, func(int) { use(f) }, 0) // want `cleanup function captures f, so f is never collected`
		runtime.AddCleanup(f, closeFD, f.fd)
	}()
}

func objectIsPhi(g *File) {
	f := newFile()
	if cond() {
		f = g
	}
	runtime.AddCleanup(f, func(int) { use(g) }, 0) // want `cleanup function captures g, which refers to f`
}

func capturesMapHolding() {
	f := newFile()
	m := map[string]*File{"f": f}
	runtime.AddCleanup(f, func(int) { use(m) }, 0) // want `cleanup function captures m, which holds f`
	conns := map[string]*Conn{"c": f.conn}
	runtime.AddCleanup(f, func(int) { use(conns) }, 0)
}

func capturesMapKeyedByOther() {
	f := newFile()
	m := map[string]int{"fd": f.fd}
	runtime.AddCleanup(f, func(int) { use(m) }, 0)
}
