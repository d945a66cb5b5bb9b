package pubcode

import (
	"errors"
	"sync"
	"sync/atomic"
	"weak"
)

// Shapes of public code that weakderef rightly leaves alone; they stay
// quiet.

// A parent chain walked through a getter that returns the weak parent
// unchecked (a peg AST): the loop condition checks each step.
type node struct {
	parent weak.Pointer[node]
	depth  int
}

func (n *node) Parent() *node {
	if n == nil {
		return nil
	}
	return n.parent.Value()
}

func pathDepth(n *node) int {
	d := 0
	for cur := n; cur != nil; cur = cur.Parent() {
		d += cur.depth
	}
	return d
}

// Double-checked interning: each read of the table is checked before it is
// returned (an expression interner).
type expr struct{ name string }

var table = struct {
	sync.RWMutex
	m map[string]weak.Pointer[expr]
}{m: map[string]weak.Pointer[expr]{}}

func intern(name string) *expr {
	table.RLock()
	p, found := table.m[name]
	table.RUnlock()
	if found {
		if got := p.Value(); got != nil {
			return got
		}
	}
	table.Lock()
	defer table.Unlock()
	if p, ok := table.m[name]; ok {
		if got := p.Value(); got != nil {
			return got
		}
	}
	e := &expr{name: name}
	table.m[name] = weak.Make(e)
	return e
}

func internedName(name string) string { return intern(name).name }

// A strong fallback first, the weak pointer only when it is empty, one
// check for both (an event loop's abort timer).
type signal struct{ aborted bool }

type timeoutRef struct {
	retained atomic.Pointer[signal]
	signal   weak.Pointer[signal]
}

func fire(ref *timeoutRef) {
	live := ref.retained.Load()
	if live == nil {
		live = ref.signal.Value()
	}
	if live != nil {
		live.aborted = true
	}
}

// An error result that is nil only with a non-nil pointer: callers that
// test the error are guarded (a lazily reloaded file).
type content struct {
	mu   sync.Mutex
	data weak.Pointer[[]byte]
	load func() ([]byte, error)
}

func (c *content) get() (*[]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.data.Value(); p != nil {
		return p, nil
	}
	b, err := c.load()
	if err != nil {
		return nil, errors.New("reload failed")
	}
	c.data = weak.Make(&b)
	return &b, nil
}

func contentLen(c *content) int {
	b, err := c.get()
	if err != nil {
		return 0
	}
	return len(*b)
}

// A (value, ok) lookup whose ok is true only with a live value (a session
// registry).
type session struct {
	done chan struct{}
	id   string
}

var sessions sync.Map // string → weak.Pointer[session]

func sessionFor(key string) (*session, bool) {
	ref, found := sessions.Load(key)
	if !found {
		return nil, false
	}
	s := ref.(weak.Pointer[session]).Value()
	if s == nil || s.ended() {
		return nil, false
	}
	return s, true
}

func (s *session) ended() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

func sessionID(key string) string {
	if s, ok := sessionFor(key); ok {
		return s.id
	}
	return ""
}
