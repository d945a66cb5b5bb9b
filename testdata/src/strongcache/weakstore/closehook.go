package weakstore

import (
	"runtime"
	"weak"
)

// A registry that holds an object strongly next to a weak pointer to it,
// and deletes the entry from a hook the object runs when it is closed or
// disposed of, holds the object until then: its lifetime ends by that
// call, not by the collector (kaiju's console.For, whose consoles map is
// pruned by host.OnClose). A hook registered elsewhere, one that does not
// delete the entry, or a cleanup, which cannot run while the entry holds
// the object, does not release it.

// event runs the callbacks added to it (kaiju's events.Event).
type event struct{ fns []func() }

func (e *event) Add(fn func()) { e.fns = append(e.fns, fn) }

func (e *event) Execute() {
	for _, fn := range e.fns {
		fn()
	}
}

// host runs its close hooks when it is torn down.
type host struct {
	name      string
	OnClose   event
	onDispose func()
}

func (h *host) Teardown() {
	h.OnClose.Execute()
	if h.onDispose != nil {
		h.onDispose()
	}
}

// console points weakly back at its host.
type console struct {
	host weak.Pointer[host]
	line string
}

func newConsole(h *host) *console { return &console{host: weak.Make(h)} }

var consoles = map[*host]*console{}

// Negative: the host's close hook deletes the entry.
func ConsoleFor(h *host) *console { // want ConsoleFor:`keeps\(weak 0 in \[\] global\)`
	c, ok := consoles[h]
	if !ok {
		c = newConsole(h)
		consoles[h] = c
		h.OnClose.Add(func() { delete(consoles, h) })
	}
	return c
}

var panels = map[*host]*console{}

// Negative: likewise with a hook stored in a field of the host.
func PanelFor(h *host) *console { // want PanelFor:`keeps\(weak 0 in \[\] global\)`
	if c, ok := panels[h]; ok {
		return c
	}
	c := newConsole(h)
	panels[h] = c
	h.onDispose = func() { delete(panels, h) }
	return c
}

var overlays = map[*host]*console{}

// Negative: the hook deletes the entry through a helper.
func OverlayFor(h *host) *console { // want OverlayFor:`keeps\(weak 0 in \[\] global\)`
	c, ok := overlays[h]
	if !ok {
		c = newConsole(h)
		overlays[h] = c
		h.OnClose.Add(func() { dropOverlay(h) })
	}
	return c
}

func dropOverlay(h *host) { delete(overlays, h) }

var shutdown event

var terminals = map[*host]*console{}

// Positive: the hook that deletes the entry runs at shutdown, not when the
// host is closed.
func TerminalFor(h *host) *console { // want TerminalFor:`keeps\(weak 0 in \[\] global\)`
	c, ok := terminals[h]
	if !ok {
		c = newConsole(h)
		terminals[h] = c                              // want `h is held by a weak pointer and also stored strongly in terminals\[h\], a package-level variable`
		shutdown.Add(func() { delete(terminals, h) }) // want `Add stores a closure holding h strongly \(in e.fns\), a package-level variable`
	}
	return c
}

var logs = map[*host]*console{}

// Positive: the host's close hook does not delete the entry.
func LogFor(h *host) *console { // want LogFor:`keeps\(weak 0 in \[\] global\)`
	c, ok := logs[h]
	if !ok {
		c = newConsole(h)
		logs[h] = c // want `h is held by a weak pointer and also stored strongly in logs\[h\], a package-level variable`
		h.OnClose.Add(func() { c.line = "closed" })
	}
	return c
}

// Other entries of logs are dropped on demand (rule 2 is not the point).
func DropLog(h *host) { delete(logs, h) }

var byName = map[string]*hostEntry{}

type hostEntry struct {
	wp   weak.Pointer[host]
	keep *host
}

// Positive: a cleanup on the host that deletes the entry cannot run while
// the entry holds the host.
func Track(h *host) { // want Track:`keeps\(weak 0 in \[\] global\)`
	byName[h.name] = &hostEntry{
		wp:   weak.Make(h),
		keep: h, // want `h is held by a weak pointer and also stored strongly in byName\[h.name\], a package-level variable`
	}
	runtime.AddCleanup(h, func(name string) { delete(byName, name) }, h.name) // want `cleanup deletes the entry of byName unconditionally`
}

// onCollect runs fn once h is collected: a cleanup in disguise.
func (h *host) onCollect(fn func()) {
	runtime.AddCleanup(h, func(int) { fn() }, 0)
}

var widgets = map[*host]*console{}

// Positive: the hook is a cleanup on the host, which cannot run while the
// entry holds it.
func WidgetFor(h *host) *console { // want WidgetFor:`keeps\(weak 0 in \[\] global\)`
	c, ok := widgets[h]
	if !ok {
		c = newConsole(h)
		widgets[h] = c // want `h is held by a weak pointer and also stored strongly in widgets\[h\], a package-level variable`
		h.onCollect(func() { delete(widgets, h) })
	}
	return c
}
