// Package keepalive uses resources copied out of objects whose cleanup or
// finalizer releases them (rule 5).
package keepalive

import (
	"encoding/binary"
	"runtime"
	"syscall"
	"unsafe"
)

// File owns a descriptor; a cleanup closes it.
type File struct {
	fd   int // resource (unexported: no fact)
	name string
}

func Open(name string) (*File, error) {
	fd, err := syscall.Open(name, syscall.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	f := &File{fd: fd, name: name}
	runtime.AddCleanup(f, func(fd int) { syscall.Close(fd) }, fd)
	return f, nil
}

// Fd returns the descriptor: an accessor.
func (f *File) Fd() int { return f.fd } // want Fd:"accessor\\(fd\\)"

func (f *File) Read(b []byte) (int, error) {
	return syscall.Read(f.fd, b) // want `f.fd is used after the last use of f, whose cleanup releases it: f may be collected and the cleanup run mid-use; add runtime.KeepAlive\(f\) after the last use`
}

func (f *File) ReadKept(b []byte) (int, error) {
	n, err := syscall.Read(f.fd, b) // quiet: KeepAlive below
	runtime.KeepAlive(f)
	return n, err
}

func (f *File) Write(b []byte) int {
	fd := f.fd
	n, _ := syscall.Write(fd, b) // want `f.fd is used after the last use of f`
	return n
}

func (f *File) WriteThenName(b []byte) string {
	n, _ := syscall.Write(f.fd, b) // quiet: f is used after
	_ = n
	return f.name
}

func Stat(f *File) error {
	var st syscall.Stat_t
	return syscall.Fstat(f.Fd(), &st) // want `f.Fd\(\) is used after the last use of f`
}

func Loop(f *File, bufs [][]byte) {
	for _, b := range bufs {
		syscall.Write(f.fd, b) // quiet: f.fd is read again on the next iteration, so the compiler keeps f live here (liveness is per instruction, not per iteration)
	}
}

func LoopKept(f *File, bufs [][]byte) {
	for _, b := range bufs {
		syscall.Write(f.fd, b) // quiet: f.name is read after the loop
	}
	println(f.name)
}

// Marshal writes the descriptor's number into a message: copying a number
// is not using the descriptor.
func Marshal(f *File) []byte {
	return binary.LittleEndian.AppendUint32(nil, uint32(f.Fd())) // quiet
}

func Printed(f *File) {
	println("fd", f.fd) // quiet: printing is not a use of the descriptor
}

// Mapping owns memory mapped by mmap; a finalizer unmaps it.
type Mapping struct {
	addr uintptr // resource (unexported: no fact)
	size int
}

func (m *Mapping) unmap() {
	syscall.Syscall(syscall.SYS_MUNMAP, m.addr, uintptr(m.size), 0)
}

func Map(size int) *Mapping {
	m := &Mapping{size: size}
	runtime.SetFinalizer(m, (*Mapping).unmap)
	return m
}

func (m *Mapping) Byte(i int) byte {
	p := (*byte)(unsafe.Pointer(m.addr + uintptr(i)))
	return *p // want `m.addr is used after the last use of m`
}

// Conn holds its File: the File lives as long as the Conn is used.
type Conn struct {
	file *File
	peer string
}

func (c *Conn) Send(b []byte) string {
	syscall.Write(c.file.fd, b) // quiet: c, which holds the File, is used after
	return c.peer
}

func (c *Conn) SendLast(b []byte) {
	syscall.Write(c.file.fd, b) // want `c.file.fd is used after the last use of c.file`
}

// attrs is a system call's block of attributes: the descriptor written
// into it is used by the call that receives the block.
type attrs struct {
	fd    uint32
	flags uint32
}

func ioctl(a *attrs) error     { return nil }
func ioctlValue(a attrs) error { return nil }

func (f *File) Attr() error {
	a := attrs{fd: uint32(f.fd), flags: 1}
	return ioctl(&a) // want `f.fd is used after the last use of f`
}

func AttrByValue(f *File) error {
	var a attrs
	a.fd = uint32(f.Fd())
	return ioctlValue(a) // want `f.Fd\(\) is used after the last use of f`
}

func AttrKept(f *File) error {
	a := &attrs{fd: uint32(f.fd)}
	err := ioctl(a) // quiet: KeepAlive below
	runtime.KeepAlive(f)
	return err
}

func AttrThenName(f *File) string {
	a := attrs{fd: uint32(f.fd)}
	ioctl(&a) // quiet: f is used below
	return f.name
}

// AttrReturned hands the block to its caller: where it is used is not in
// view.
func AttrReturned(f *File) attrs {
	return attrs{fd: uint32(f.fd)} // quiet
}

// Region maps a file; its finalizer unmaps the memory (the shape of
// golang.org/x/exp/mmap's ReaderAt). The slice is not the collector's: it
// is the resource. The witness does not run this shape (a read of unmapped
// memory faults the process); its descriptor case shows the same release
// mid-use.
type Region struct {
	data []byte
}

func MapRegion(fd, size int) (*Region, error) {
	data, err := syscall.Mmap(fd, 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, err
	}
	r := &Region{data}
	runtime.SetFinalizer(r, (*Region).Close)
	return r, nil
}

func (r *Region) Close() error {
	data := r.data
	r.data = nil
	runtime.SetFinalizer(r, nil)
	return syscall.Munmap(data)
}

func (r *Region) ReadAt(p []byte, off int64) int {
	return copy(p, r.data[off:]) // want `r.data is used after the last use of r`
}

func (r *Region) At(i int) byte {
	return r.data[i] // want `r.data is used after the last use of r`
}

func (r *Region) Len() int { return len(r.data) } // quiet: the length is not the memory

func (r *Region) ReadAtKept(p []byte, off int64) int {
	n := copy(p, r.data[off:]) // quiet: KeepAlive below
	runtime.KeepAlive(r)
	return n
}

// Buffer's finalizer hands its slice to a pool: memory of the Go heap,
// which no cleanup can unmap under a reader.
type Buffer struct{ data []byte }

var pool [][]byte

func NewBuffer() *Buffer {
	b := &Buffer{data: make([]byte, 64)}
	runtime.SetFinalizer(b, func(b *Buffer) { pool = append(pool, b.data) })
	return b
}

func (b *Buffer) ReadAt(p []byte) int {
	return copy(p, b.data) // quiet
}

// Unmapped registers a cleanup that unmaps the slice it is given.
type Unmapped struct{ mem []byte }

func NewUnmapped(mem []byte) *Unmapped {
	u := &Unmapped{mem: mem}
	runtime.AddCleanup(u, func(m []byte) { syscall.Munmap(m) }, mem)
	return u
}

func (u *Unmapped) First() byte {
	return u.mem[0] // want `u.mem is used after the last use of u`
}
