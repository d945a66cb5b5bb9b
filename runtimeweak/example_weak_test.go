package runtimeweak_test

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/weaklint/weaklint/runtimeweak"
)

// collectUntil runs the collector until done reports true, at most 50 times:
// examples that show what happens after a collection wait for it this way.
func collectUntil(done func() bool) bool {
	for range 50 {
		if done() {
			return true
		}
		runtime.GC()
		runtime.Gosched()
	}
	return done()
}

// Window subscribes to a Bus; the Bus must not keep it open.
type Window struct {
	title string
	shown []string
}

func (w *Window) OnTheme(theme string) {
	w.shown = append(w.shown, theme)
	fmt.Printf("%s: theme %s\n", w.title, theme)
}

// An observer list whose subscribers are collected while it lives: closing a
// window needs no unsubscribe, because the list holds windows weakly.
func ExampleListeners() {
	var themes runtimeweak.Listeners[string]

	main := &Window{title: "main"}
	themes.Add(runtimeweak.Method(main, (*Window).OnTheme))
	func() {
		dialog := &Window{title: "dialog"}
		themes.Add(runtimeweak.Method(dialog, (*Window).OnTheme))
		themes.Emit("dark")
	}() // the dialog is closed: nothing refers to it any more

	collectUntil(func() bool { return themes.Len() == 1 })
	fmt.Println("listeners:", themes.Len())
	themes.Emit("light")
	runtime.KeepAlive(main)
	// Output:
	// main: theme dark
	// dialog: theme dark
	// listeners: 1
	// main: theme light
}

// A WeakMethod calls a method while its receiver lives and reports false,
// doing nothing, once the receiver has been collected.
func ExampleMethod() {
	w := &Window{title: "w"}
	onTheme := runtimeweak.Method(w, (*Window).OnTheme)
	fmt.Println(onTheme.Call("dark"))

	w = nil // the last reference to the window
	collectUntil(func() bool { return !onTheme.Alive() })
	fmt.Println(onTheme.Call("light"))
	// Output:
	// w: theme dark
	// true
	// false
}

type Session struct {
	User  string
	Start int64
}

// A map keyed by weak references whose entries remove themselves: the
// callback runs after the session has been collected, with the Ref it was
// made with, which is still a valid map key.
func ExampleMakeRef() {
	var mu sync.Mutex
	owners := map[runtimeweak.Ref[Session]]string{}
	forget := func(r runtimeweak.Ref[Session]) {
		mu.Lock()
		defer mu.Unlock()
		delete(owners, r)
	}
	track := func(s *Session) {
		mu.Lock()
		defer mu.Unlock()
		owners[runtimeweak.MakeRef(s, forget)] = s.User
	}

	alice := &Session{User: "alice"}
	track(alice)
	track(&Session{User: "bob"}) // used once, then dropped

	count := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(owners)
	}
	collectUntil(func() bool { return count() == 1 })
	mu.Lock()
	fmt.Println(owners[runtimeweak.MakeRef(alice, nil)], len(owners)) // equal Refs: the same key
	mu.Unlock()
	// Output: alice 1
}

// Get reports a collected referent as ErrCollected, for code that prefers
// errors to nil checks.
func ExampleRef_Get() {
	s := &Session{User: "carol"}
	ref := runtimeweak.MakeRef(s, nil)
	if s, err := ref.Get(); err == nil {
		fmt.Println("user:", s.User)
	}

	s = nil
	collectUntil(func() bool { return ref.Value() == nil })
	_, err := ref.Get()
	fmt.Println(errors.Is(err, runtimeweak.ErrCollected), err)
	// Output:
	// user: carol
	// true runtimeweak: weakly referenced object was collected
}
