package backref

import "github.com/weaklint/weaklint/runtimeweak"

// runtimeweak's maps: judged at the store, from what the stored value holds.

type pane struct {
	title string
	buf   []byte
}

func (p *pane) redraw() {}

type paneInfo struct {
	title string
	size  int
}

type paneHandle struct{ p *pane }

var (
	layouts  runtimeweak.KeyMap[pane, any]
	redraws  runtimeweak.KeyMap[pane, func()]
	infos    runtimeweak.KeyMap[pane, *paneInfo]
	byHandle runtimeweak.ValueMap[paneHandle, pane]
	byTitle  runtimeweak.ValueMap[string, pane]
)

// Positive: a map literal inside an interface value holds the key.
func Layout(p *pane) { // want Layout:`keeps\(weak 0 in \[\] global\)`
	layouts.Store(p, map[*pane]int{p: 1}) // want `the value stored in layouts holds p, its weak key`
}

// Positive: a method value bound to the key.
func OnRedraw(p *pane) { // want OnRedraw:`keeps\(weak 0 in \[\] global\)`
	redraws.Store(p, p.redraw) // want `the value stored in redraws holds p, its weak key`
}

// Positive: the key of a ValueMap holds the value.
func Handle(p *pane) { // want Handle:`keeps\(weak 0 in \[\] global\)`
	byHandle.Store(paneHandle{p: p}, p) // want `the key stored in byHandle holds p, its weak value`
}

// Quiet: the value copies fields of the key; a closure that does not
// capture it; a string key.
func Describe(p *pane) { // want Describe:`keeps\(weak 0 in \[\] global\)`
	infos.Store(p, &paneInfo{title: p.title, size: len(p.buf)})
	n := len(p.buf)
	redraws.Store(p, func() { _ = n })
	byTitle.Store(p.title, p)
}
