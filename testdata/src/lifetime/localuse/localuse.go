// Package localuse passes resources to functions of the same package
// (rule 5): one that hands the descriptor to a system call, directly or
// through others, uses it; one that only stores or compares it does not,
// and a runtime.KeepAlive after the call would change nothing.
package localuse

import (
	"runtime"
	"syscall"
	"unsafe"
)

// Conn owns a descriptor; a cleanup closes it.
type Conn struct {
	fd   int // resource (unexported: no fact)
	name string
}

func Dial(fd int) *Conn {
	c := &Conn{fd: fd}
	runtime.AddCleanup(c, func(fd int) { syscall.Close(fd) }, fd)
	return c
}

// ID returns the descriptor: an accessor.
func (c *Conn) ID() int { return c.fd } // want ID:"accessor\\(fd\\)"

// Wrappers that use the descriptor.

func writeFD(fd int, b []byte) (int, error) { return syscall.Write(fd, b) }

func writeAll(fd int, b []byte) {
	for len(b) > 0 {
		n, err := writeFD(fd, b)
		if err != nil {
			return
		}
		b = b[n:]
	}
}

// retry calls itself before it reaches the system call.
func retry(fd int, b []byte, n int) {
	if n > 0 {
		retry(fd, b, n-1)
		return
	}
	syscall.Write(fd, b)
}

// ping and pong call each other; pong reaches the system call.
func ping(fd, n int) {
	if n > 0 {
		pong(fd, n-1)
	}
}

func pong(fd, n int) {
	if n == 0 {
		syscall.Fsync(fd)
		return
	}
	ping(fd, n)
}

// valid hands the descriptor back: its result is the resource.
func valid(fd int) int {
	if fd < 0 {
		panic("closed")
	}
	return fd
}

type poller struct{ events int }

func (p *poller) add(fd int) error { return syscall.SetNonblock(fd, true) }

// op is a request block: send reads the descriptor out of it.
type op struct {
	fd uint32
	n  int
}

func send(o op) { syscall.Write(int(o.fd), make([]byte, o.n)) }

// ioctlReq is filled by a setter, then handed to the kernel.
type ioctlReq struct {
	fd    int32
	flags uint32
}

func (r *ioctlReq) setFD(fd int) { r.fd = int32(fd) }

func ioctl(r *ioctlReq) {
	syscall.Syscall(syscall.SYS_IOCTL, uintptr(r.fd), 0, uintptr(unsafe.Pointer(r)))
}

func (c *Conn) Write(b []byte) (int, error) {
	return writeFD(c.fd, b) // want `c.fd is used after the last use of c`
}

func (c *Conn) WriteAll(b []byte) {
	writeAll(c.fd, b) // want `c.fd is used after the last use of c`
}

func (c *Conn) Retry(b []byte) {
	retry(c.ID(), b, 3) // want `c.ID\(\) is used after the last use of c`
}

func (c *Conn) Ping() {
	ping(c.fd, 2) // want `c.fd is used after the last use of c`
}

// Pong enters the same recursion at the other function.
func (c *Conn) Pong() {
	pong(c.fd, 2) // want `c.fd is used after the last use of c`
}

func (c *Conn) Checked(b []byte) {
	syscall.Write(valid(c.fd), b) // want `c.fd is used after the last use of c`
}

func (c *Conn) Register(p *poller) error {
	return p.add(c.fd) // want `c.fd is used after the last use of c`
}

func (c *Conn) Send(n int) {
	send(op{fd: uint32(c.fd), n: n}) // want `c.fd is used after the last use of c`
}

func (c *Conn) Ioctl() {
	var r ioctlReq
	r.setFD(c.fd)
	ioctl(&r) // want `c.fd is used after the last use of c`
}

func (c *Conn) Flush() {
	flush := func(fd int) { syscall.Fsync(fd) }
	flush(c.fd) // want `c.fd is used after the last use of c`
}

func (c *Conn) WriteKept(b []byte) {
	writeFD(c.fd, b) // quiet: KeepAlive below
	runtime.KeepAlive(c)
}

// Functions that only store or compare the descriptor: the number outlives
// the call, which a KeepAlive would not change.

type registry struct {
	bound   int
	last    int
	ids     []int
	byFD    map[int]string
	records []op
	pending []ioctlReq
}

func (r *registry) bind(fd int) {
	if r.bound != fd {
		r.bound = fd
	}
}

func (r *registry) remember(fd int) { r.last = fd }

func (r *registry) name(fd int, s string) { r.byFD[fd] = s }

// track calls itself, and only appends.
func (r *registry) track(fd, depth int) {
	if depth > 0 {
		r.track(fd, depth-1)
		return
	}
	r.ids = append(r.ids, fd)
}

// even and odd call each other, and only append.
func (r *registry) even(fd, n int) {
	if n > 0 {
		r.odd(fd, n-1)
		return
	}
	r.ids = append(r.ids, fd)
}

func (r *registry) odd(fd, n int) { r.even(fd, n) }

func (r *registry) emit(o op) { r.records = append(r.records, o) }

// count uses the block's length, not its descriptor.
func count(o op) { syscall.Write(1, make([]byte, o.n)) }

func (c *Conn) Bind(r *registry) {
	r.bind(c.fd) // quiet: bind only compares and stores
}

func (c *Conn) Remember(r *registry) {
	r.remember(c.ID()) // quiet: a field store
}

func (c *Conn) Name(r *registry) {
	r.name(c.fd, "conn") // quiet: a map store
}

func (c *Conn) Track(r *registry) {
	r.track(c.fd, 2) // quiet: a slice append, behind a recursion
}

func (c *Conn) Odd(r *registry) {
	r.odd(c.fd, 3) // quiet: a slice append, behind a mutual recursion
}

func (c *Conn) Emit(r *registry) {
	r.emit(op{fd: uint32(c.fd), n: 1}) // quiet: the block is appended, not sent
}

func (c *Conn) RememberChecked(r *registry) {
	r.remember(valid(c.fd)) // quiet: handed back, then stored
}

func (c *Conn) Count() {
	count(op{fd: uint32(c.fd), n: 1}) // quiet: count does not read the descriptor
}

func (c *Conn) Queue(r *registry) {
	var req ioctlReq
	req.setFD(c.fd)
	r.pending = append(r.pending, req) // quiet: the filled block is queued, not sent
}
