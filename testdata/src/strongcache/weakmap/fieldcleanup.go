package weakmap

import (
	"runtime"
	"sync"
	"weak"
)

// A cleanup may remove its entry through a function kept in a field of the
// object it runs for: s.onCancel(s.id), where the broadcaster set onCancel
// to its own unsubscribe. That is pruning like a direct delete.

type subscription struct {
	id       int
	onCancel func(id int)
}

func (s *subscription) cancel(reason string) {
	if s.onCancel != nil {
		s.onCancel(s.id)
	}
	_ = reason
}

func (s *subscription) Cancel() { s.cancel("cancelled") }

// Quiet: the cleanup reaches unsubscribe through the field; the key is an
// id from a counter, never reused.
type broadcaster struct {
	mu     sync.Mutex
	nextID int
	subs   map[int]weak.Pointer[subscription]
}

func (b *broadcaster) Subscribe() *subscription {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.nextID++
	s := &subscription{id: b.nextID, onCancel: b.unsubscribe}
	b.subs[s.id] = weak.Make(s)
	runtime.AddCleanup(s, cancelOnDrop, subKey{id: s.id, drop: b.unsubscribe})
	return s
}

func (b *broadcaster) unsubscribe(id int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.subs, id)
}

type subKey struct {
	id   int
	drop func(int)
}

func cancelOnDrop(k subKey) { k.drop(k.id) }

// Positive: the function in the field only counts; the entry stays until
// an explicit Remove.
type counter struct {
	mu      sync.Mutex
	nextID  int
	dropped int
	subs    map[int]weak.Pointer[subscription] // want `a cleanup is registered on each subscription but does not remove its entry from counter.subs`
}

func (c *counter) Subscribe() *subscription {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.nextID++
	s := &subscription{id: c.nextID}
	c.subs[s.id] = weak.Make(s)
	runtime.AddCleanup(s, cancelOnDrop, subKey{id: s.id, drop: c.count})
	return s
}

func (c *counter) count(int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropped++
}

func (c *counter) Remove(id int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.subs, id)
}
