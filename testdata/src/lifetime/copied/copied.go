// Package copied makes weak pointers to local variables whose value, not
// address, leaves the function (rule 4): nothing keeps the variable, and
// the weak pointer becomes nil once the function is done with it. The
// shape comes from Prometheus's OTel log manager.
package copied

import (
	"runtime"
	"weak"
)

type logger struct {
	name  string
	level int
}

type config struct {
	log   logger
	sinks [4]logger
}

type manager struct {
	handlers map[string]weak.Pointer[logger]
	strong   map[string]*logger
	current  *logger
	hooks    []func() string
}

var lastHandler *logger

// Handler is the Prometheus shape: the weak pointer's referent is h's
// variable, and only a copy of h leaves.
func (m *manager) Handler(name string) logger {
	h := logger{name: name}
	m.handlers[name] = weak.Make(&h) // want `weak.Make of local variable h, whose value is only read or copied after the call: nothing keeps its address, so Value\(\) returns nil once the function is done with it; keep and return \(or store\) the pointer &h instead of a copy`
	return h
}

// FieldOfLocal points at a field of a local struct: the whole variable is
// the referent, and only copies of the field leave.
func (m *manager) FieldOfLocal(name string) logger {
	var c config
	c.log.name = name
	m.handlers[name] = weak.Make(&c.log) // want `weak.Make of local variable c, whose value is only read or copied after the call: .* the pointer &c.log instead of a copy`
	return c.log
}

// ElementOfLocal points at an element of a local array.
func (m *manager) ElementOfLocal(name string) logger {
	var c config
	c.sinks[1].name = name
	m.handlers[name] = weak.Make(&c.sinks[1]) // want `weak.Make of local variable c, whose value is only read`
	return c.sinks[1]
}

// LoopLocal makes one variable per iteration and appends its copy.
func (m *manager) LoopLocal(names []string) []logger {
	var out []logger
	for _, n := range names {
		h := logger{name: n}
		m.handlers[n] = weak.Make(&h) // want `weak.Make of local variable h, whose value is only read`
		out = append(out, h)
	}
	return out
}

// Parameter makes the weak pointer to its parameter's variable, and
// returns a field of it.
func (m *manager) Parameter(h logger) string {
	m.handlers[h.name] = weak.Make(&h) // want `weak.Make of local variable h, whose value is only read`
	return h.name
}

// KeepAliveOfCopy keeps a copy alive, not the variable: runtime.KeepAlive(h)
// converts h's value to an interface.
func (m *manager) KeepAliveOfCopy(name string) {
	h := logger{name: name}
	m.handlers[name] = weak.Make(&h) // want `weak.Make of local variable h, whose value is only read`
	runtime.KeepAlive(h)
}

// ReturnsWeak returns the weak pointer with a copy of its referent.
func ReturnsWeak(name string) (weak.Pointer[logger], logger) {
	h := logger{name: name}
	w := weak.Make(&h) // want `weak.Make of local variable h, whose value is only read`
	h.level = 1
	return w, h
}

// ---- quiet: the variable's address is kept ----

func (m *manager) ReturnsPointer(name string) *logger {
	h := logger{name: name}
	m.handlers[name] = weak.Make(&h) // quiet: &h is returned
	return &h
}

func (m *manager) StoredInMap(name string) logger {
	h := logger{name: name}
	m.strong[name] = &h
	m.handlers[name] = weak.Make(&h) // quiet: the map keeps &h
	return h
}

func (m *manager) StoredInField(name string) logger {
	h := logger{name: name}
	m.handlers[name] = weak.Make(&h) // quiet: the field keeps &h
	m.current = &h
	return h
}

func (m *manager) StoredInGlobal(name string) logger {
	h := logger{name: name}
	m.handlers[name] = weak.Make(&h) // quiet: a package-level variable keeps &h
	lastHandler = &h
	return h
}

func (m *manager) CapturedByStoredClosure(name string) logger {
	h := logger{name: name}
	m.handlers[name] = weak.Make(&h) // quiet: the stored closure keeps h's variable
	m.hooks = append(m.hooks, func() string { return h.name })
	return h
}

func (m *manager) CapturedByGoroutine(name string, done chan<- string) logger {
	h := logger{name: name}
	m.handlers[name] = weak.Make(&h) // quiet: the goroutine keeps h's variable
	go func() { done <- h.name }()
	return h
}

//go:noinline
func register(l *logger) {}

func (m *manager) PassedToUnknown(name string) logger {
	h := logger{name: name}
	m.handlers[name] = weak.Make(&h) // quiet: register may keep &h
	register(&h)
	return h
}

func (m *manager) AddressTakenTwice(name string) logger {
	h := logger{name: name}
	p := &h
	m.handlers[name] = weak.Make(p) // quiet: the second &h is stored
	q := &h
	m.current = q
	return *p
}

func (m *manager) CopiedAndAddressReturned(name string) (logger, *logger) {
	h := logger{name: name}
	m.handlers[name] = weak.Make(&h) // quiet: &h is returned too
	return h, &h
}

func (m *manager) PointerMethod(name string) logger {
	h := logger{name: name}
	m.handlers[name] = weak.Make(&h) // quiet: the method gets &h and may keep it
	h.attach(m)
	return h
}

func (l *logger) attach(m *manager) { m.current = l }

func (m *manager) KeepAliveOfPointer(name string) {
	h := logger{name: name}
	m.handlers[name] = weak.Make(&h) // quiet: runtime.KeepAlive(&h) keeps the variable until here
	runtime.KeepAlive(&h)
}

// CheckedWhileCopied looks at the weak pointer only while h is still read.
func CheckedWhileCopied(name string) logger {
	h := logger{name: name}
	w := weak.Make(&h) // quiet: Value is called before h's last use
	if w.Value() == nil {
		panic("collected")
	}
	return h
}

// CheckedThroughPhi makes the weak pointer in one branch only, and looks at
// it while h is still read.
func CheckedThroughPhi(name string, track bool) logger {
	h := logger{name: name}
	var w weak.Pointer[logger]
	if track {
		w = weak.Make(&h) // quiet: Value is called before h's last use
	}
	if track && w.Value() == nil {
		panic("collected")
	}
	return h
}

// ReturnedThroughPhi returns the weak pointer made in one branch.
func ReturnedThroughPhi(name string, track bool) (weak.Pointer[logger], logger) {
	h := logger{name: name}
	var w weak.Pointer[logger]
	if track {
		w = weak.Make(&h) // want `weak.Make of local variable h, whose value is only read`
	}
	return w, h
}

// Cache is tmwalaszek/weakcache's shape: set is a wrapper of weak.Make,
// Do stores the address of a field of a local result and returns a copy of
// the field (and get returns copies too), so every entry dies once Do
// returns and the cache never hits after a collection.
type Cache[T any] struct {
	c map[string]weak.Pointer[T]
}

type result[T any] struct {
	Val T
	Err error
}

func (w *Cache[T]) set(key string, value *T) {
	w.c[key] = weak.Make(value)
}

func (w *Cache[T]) Do(key string, fn func() (T, error)) (T, error) {
	var r result[T]
	r.Val, r.Err = fn()
	if r.Err != nil {
		return r.Val, r.Err
	}
	w.set(key, &r.Val) // want `weak.Make of local variable r, whose value is only read or copied after the call: .* the pointer &r.Val instead of a copy`
	return r.Val, nil
}
