package a

import (
	"container/list"
	"runtime"
	"sync"
)

// registry holds its files strongly.
type registry struct {
	files map[int]*File
	all   []*File
	last  *File
	count int
}

func (r *registry) forget(fd int) { delete(r.files, fd) }
func (r *registry) drop(int)      { r.count-- }

// The function stores the object into memory that the cleanup keeps.
func (r *registry) addToMap() *File {
	f := newFile()
	r.files[f.fd] = f
	runtime.AddCleanup(f, r.forget, f.fd) // want `cleanup function is a method value bound to r, which holds f`
	return f
}

func (r *registry) appendToSlice() *File {
	f := newFile()
	r.all = append(r.all, f)
	runtime.AddCleanup(f, func(int) { r.count-- }, 0) // want `cleanup function captures r, which holds f`
	return f
}

func (r *registry) storeInField(f *File) { // registrar fact: see testdata/src/registrars
	r.last = f
	runtime.AddCleanup(f, func(*registry) {}, r) // want `cleanup argument r, which holds f`
}

// Storing something else, or a copy, keeps nothing.
func (r *registry) storeCopies() *File {
	f := newFile()
	r.count += f.fd
	r.all = append(r.all, newFile())
	runtime.AddCleanup(f, r.drop, f.fd)
	return f
}

// A store overwritten in the same block holds the object only until then.
func (r *registry) storeThenClear() *File {
	f := newFile()
	r.last = f
	r.last = nil
	runtime.AddCleanup(f, r.drop, f.fd)
	return f
}

// append copies the elements of all but its first operand.
func appendCopies() {
	f := newFile()
	runtime.AddCleanup(f, closeBytes, append([]byte(nil), f.buf[:]...))
	b := append([]byte{}, f.buf[:]...)
	runtime.AddCleanup(f, func(int) { closeBytes(b) }, 0)
	runtime.AddCleanup(f, closeFiles, append([]*File{}, f))   // want `cleanup argument append\(\[\]\*File{}, f\), which holds f`
	runtime.AddCleanup(f, closeBytes, append(f.buf[:0], 'x')) // want `cleanup argument append\(f.buf\[:0\], 'x'\), which holds f`
}

// syncRegistry keeps its files in a sync.Map and a channel.
type syncRegistry struct {
	byFD  sync.Map
	queue chan *File
	n     int
}

func (r *syncRegistry) forget(fd int) { r.byFD.Delete(fd) }

func (r *syncRegistry) addSyncMap() *File {
	f := newFile()
	r.byFD.Store(f.fd, f)
	runtime.AddCleanup(f, r.forget, f.fd) // want `cleanup function is a method value bound to r, which holds f`
	return f
}

func (r *syncRegistry) addChan() *File {
	f := newFile()
	r.queue <- f
	runtime.AddCleanup(f, func(int) { r.n-- }, 0) // want `cleanup function captures r, which holds f, .*: pass what it needs as the cleanup argument instead`
	return f
}

func (r *syncRegistry) storeFD() *File {
	f := newFile()
	r.byFD.Store(f.fd, f.name)
	runtime.AddCleanup(f, r.forget, f.fd)
	return f
}

// lru keeps its files in a container/list.
type lru struct{ l *list.List }

func (c *lru) add() {
	f := newFile()
	c.l.PushBack(f)
	runtime.AddCleanup(f, func(int) { c.l.Len() }, 0) // want `cleanup function captures c, which holds f`
}

func (c *lru) addFD() {
	f := newFile()
	c.l.PushFront(f.fd)
	runtime.AddCleanup(f, func(int) { c.l.Len() }, 0)
}

// The object reaches the registry through a captured variable and through
// a holder struct.
type holderRegistry struct {
	files   map[int]*File
	holders []*holder
}

func (r *holderRegistry) forget(int) {}

func (r *holderRegistry) addCapturedVariable() *File {
	f := newFile()
	defer func() { use(f) }()
	r.files[f.fd] = f
	runtime.AddCleanup(f, r.forget, f.fd) // want `cleanup function is a method value bound to r, which holds f`
	return f
}

func (r *holderRegistry) addHolder() *File {
	f := newFile()
	h := &holder{f: f}
	r.holders = append(r.holders, h)
	runtime.AddCleanup(f, r.forget, f.fd) // want `cleanup function is a method value bound to r, which holds f`
	return f
}

func (r *holderRegistry) addContents() *File {
	f := newFile()
	r.holders = append(r.holders, &holder{f: newFile()})
	r.files[f.fd] = &File{fd: f.fd, name: f.name}
	runtime.AddCleanup(f, r.forget, f.fd)
	return f
}

type lockedRegistry struct {
	mu    sync.Mutex
	files []*File
	names []string
}

// A pointer into the registry keeps all of it, and so what it holds.
func (r *lockedRegistry) add() *File {
	f := newFile()
	r.files = append(r.files, f)
	mu := &r.mu
	runtime.AddCleanup(f, func(int) { mu.Lock() }, 0) // want `cleanup function captures mu, which holds f`
	return f
}

func (r *lockedRegistry) addName() *File {
	f := newFile()
	r.names = append(r.names, f.name)
	mu := &r.mu
	runtime.AddCleanup(f, func(int) { mu.Lock() }, 0)
	return f
}

// A map entry deleted in the same block holds the object only until then.
func (r *registry) storeThenDelete() *File {
	f := newFile()
	r.files[f.fd] = f
	delete(r.files, f.fd)
	runtime.AddCleanup(f, r.forget, f.fd)
	return f
}

func (r *registry) storeThenDeleteOther() *File {
	f := newFile()
	r.files[3] = f
	delete(r.files, 4)
	runtime.AddCleanup(f, r.forget, f.fd) // want `cleanup function is a method value bound to r, which holds f`
	return f
}

// The registry stores the object in a method of this package.
func (r *registry) register(f *File)    { r.files[f.fd] = f }
func (r *registry) registerFD(f *File)  { r.count += f.fd }
func (r *registry) registerVia(f *File) { r.register(f) }

func (r *registry) addThroughMethod() *File {
	f := newFile()
	r.register(f)
	runtime.AddCleanup(f, r.forget, f.fd) // want `cleanup function is a method value bound to r, which holds f`
	return f
}

func (r *registry) addThroughTwoMethods() *File {
	f := newFile()
	r.registerVia(f)
	runtime.AddCleanup(f, r.forget, f.fd) // want `cleanup function is a method value bound to r, which holds f`
	return f
}

func (r *registry) addCountOnly() *File {
	f := newFile()
	r.registerFD(f)
	runtime.AddCleanup(f, r.forget, f.fd)
	return f
}
