// Package rwmethod: observers and indexes built with runtimeweak's Method,
// Listeners and Ref, beside the hand-written shapes strongcache reports.
package rwmethod

import (
	"sync"
	"weak"

	"github.com/weaklint/weaklint/runtimeweak"
)

type Window struct {
	title string
	theme string
}

func (w *Window) OnTheme(theme string) { w.theme = theme }

// Hand-written: the weak pointer says "do not keep the window", the stored
// method value keeps it anyway.
type ThemeBus struct {
	mu       sync.Mutex
	windows  map[string]weak.Pointer[Window]
	handlers []func(string)
}

func (b *ThemeBus) Subscribe(name string, w *Window) { // want Subscribe:`keeps\(weak 1 in \[\-1\]\)`
	b.mu.Lock()
	defer b.mu.Unlock()
	b.windows[name] = weak.Make(w)
	b.handlers = append(b.handlers, w.OnTheme) // want `the method value stored in b.handlers holds w, which is also held by a weak pointer.*runtimeweak.Method`
}

func (b *ThemeBus) Forget(name string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.windows, name)
}

// The fix the message suggests: the method bound weakly.
type WeakThemeBus struct {
	mu       sync.Mutex
	windows  map[string]weak.Pointer[Window]
	handlers []runtimeweak.WeakMethod[Window, string]
}

func (b *WeakThemeBus) Subscribe(name string, w *Window) { // want Subscribe:`keeps\(weak 1 in \[\-1\]\)`
	b.mu.Lock()
	defer b.mu.Unlock()
	b.windows[name] = weak.Make(w)
	b.handlers = append(b.handlers, runtimeweak.Method(w, (*Window).OnTheme))
}

func (b *WeakThemeBus) Forget(name string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.windows, name)
}

// Or a Listeners, which prunes itself.
type ListenerBus struct {
	windows map[string]weak.Pointer[Window]
	themes  runtimeweak.Listeners[string]
}

func (b *ListenerBus) Subscribe(name string, w *Window) { // want Subscribe:`keeps\(weak 1 in \[\-1\]\)`
	b.windows[name] = weak.Make(w)
	b.themes.Add(runtimeweak.Method(w, (*Window).OnTheme))
}

func (b *ListenerBus) Close(name string) { delete(b.windows, name) }

// An index of weak references whose callbacks remove their own entries.
type Index struct {
	mu   sync.Mutex
	refs map[runtimeweak.Ref[Window]]string
}

func (x *Index) forget(r runtimeweak.Ref[Window]) {
	x.mu.Lock()
	defer x.mu.Unlock()
	delete(x.refs, r)
}

func (x *Index) Add(w *Window) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.refs[runtimeweak.MakeRef(w, x.forget)] = w.title
}

// Without the callback nothing removes an entry whose window was collected.
type LeakyIndex struct {
	refs map[runtimeweak.Ref[Window]]string // want `entries of LeakyIndex.refs are never removed`
}

func (x *LeakyIndex) Add(w *Window) {
	x.refs[runtimeweak.MakeRef(w, nil)] = w.title
}
