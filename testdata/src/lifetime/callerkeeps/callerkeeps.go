// Package callerkeeps uses resources in functions whose callers keep the
// owning object alive past the call (rules 5 and 6): the shape of
// cilium/ebpf's createMap(inner *sys.FD), whose only caller holds the inner
// map's template with defer template.Close().
package callerkeeps

import (
	"runtime"
	"syscall"
)

// FD owns a descriptor; a cleanup closes it.
type FD struct {
	raw  int
	name string
}

func NewFD(raw int) *FD {
	fd := &FD{raw: raw}
	runtime.AddCleanup(fd, func(raw int) { syscall.Close(raw) }, raw)
	return fd
}

// Uint returns the descriptor: an accessor.
func (fd *FD) Uint() uint32 { return uint32(fd.raw) } // want Uint:"accessor\\(raw\\)"

func (fd *FD) Close() error {
	err := syscall.Close(fd.raw)
	fd.raw = -1
	return err
}

// Map holds an FD.
type Map struct {
	fd   *FD
	name string
}

func (m *Map) Close() error { return m.fd.Close() }

// attr is a system call's block of attributes.
type attr struct{ inner, flags uint32 }

func sysCreate(a *attr) (int, error) {
	r, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(a.inner), uintptr(a.flags), 0)
	if errno != 0 {
		return -1, errno
	}
	return int(r), nil
}

// create's callers all keep inner alive past the call: quiet.
func create(inner *FD) (*Map, error) {
	var a attr
	if inner != nil {
		a.inner = inner.Uint()
	}
	raw, err := sysCreate(&a) // quiet: New holds inner's owner with defer tmpl.Close(), Nested uses inner after
	if err != nil {
		return nil, err
	}
	return &Map{fd: NewFD(raw)}, nil
}

// New creates a map, nested in a template map that it closes on return:
// the deferred Close holds tmpl, and tmpl holds its fd, until New returns.
func New(nested bool) (*Map, error) {
	var inner *FD
	if nested {
		tmpl, err := create(nil)
		if err != nil {
			return nil, err
		}
		defer tmpl.Close()
		inner = tmpl.fd
	}
	return create(inner)
}

// Nested uses the inner FD after the call.
func Nested(inner *FD) (*Map, error) {
	m, err := create(inner)
	inner.Close()
	return m, err
}

// lookup is reached through keep, which its exported callers keep alive in
// turn: the question recurses.
func (m *Map) lookup(flags uint32) error {
	a := attr{inner: m.fd.Uint(), flags: flags}
	_, err := sysCreate(&a) // quiet: every caller of keep uses m after
	return err
}

func (m *Map) keep(flags uint32) error { return m.lookup(flags) }

func (m *Map) Lookup() (string, error) {
	err := m.keep(0)
	return m.name, err
}

func (m *Map) LookupDeferred() error {
	defer m.Close()
	return m.keep(1)
}

// update has one caller that drops m with the call: reported.
func (m *Map) update(flags uint32) error {
	a := attr{inner: m.fd.Uint(), flags: flags}
	_, err := sysCreate(&a) // want `m.fd.Uint\(\) is used after the last use of m.fd`
	return err
}

func (m *Map) Update() (string, error) {
	err := m.update(0)
	return m.name, err
}

func (m *Map) UpdateLast() error { return m.update(1) }

// Exported functions have callers out of view: reported.
func (m *Map) Freeze() error {
	a := attr{inner: m.fd.Uint()}
	_, err := sysCreate(&a) // want `m.fd.Uint\(\) is used after the last use of m.fd`
	return err
}

func (m *Map) FreezeNamed() string {
	m.Freeze()
	return m.name
}

// clear is also used as a function value, whose calls are out of view:
// reported.
func (m *Map) clear() error {
	a := attr{inner: m.fd.Uint()}
	_, err := sysCreate(&a) // want `m.fd.Uint\(\) is used after the last use of m.fd`
	return err
}

func (m *Map) Clear() (func() error, string) {
	m.clear()
	return m.clear, m.name
}

// reset runs in a goroutine: the caller's stack does not hold m for it.
func (m *Map) reset() {
	a := attr{inner: m.fd.Uint()}
	sysCreate(&a) // want `m.fd.Uint\(\) is used after the last use of m.fd`
}

func (m *Map) Reset() string {
	go m.reset()
	return m.name
}

// walk recurses on itself before the use: its own call keeps m (used
// after it), but Walk drops m with the call: reported.
func (m *Map) walk(n int) {
	if n > 0 {
		m.walk(n - 1)
	}
	a := attr{inner: m.fd.Uint()}
	sysCreate(&a) // want `m.fd.Uint\(\) is used after the last use of m.fd`
}

func (m *Map) Walk() { m.walk(3) }

// scan recurses likewise, and its outer caller keeps m: quiet.
func (m *Map) scan(n int) {
	if n > 0 {
		m.scan(n - 1)
	}
	a := attr{inner: m.fd.Uint()}
	sysCreate(&a) // quiet: Scan uses m after, and so does scan itself
}

func (m *Map) Scan() string {
	m.scan(3)
	return m.name
}

// stop is the last use of the object whose cleanup it stops (rule 6),
// called only by Drop, which uses the object after: quiet.
type Handle struct {
	raw     int
	cleanup runtime.Cleanup
}

func OpenHandle(raw int) *Handle {
	h := &Handle{raw: raw}
	h.cleanup = runtime.AddCleanup(h, func(raw int) { syscall.Close(raw) }, raw)
	return h
}

func (h *Handle) stop() { h.cleanup.Stop() } // quiet: Drop uses h after

func (h *Handle) Drop() {
	h.stop()
	h.raw = -1
}

func (h *Handle) stopLast() { h.cleanup.Stop() } // want `Stop is the last use of h`

func (h *Handle) DropLast() { h.stopLast() }
