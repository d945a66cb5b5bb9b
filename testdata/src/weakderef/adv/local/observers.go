package local

import (
	"log"
	"sync"
	"weak"
)

type Listener struct {
	name   string
	events chan string
}

func (l *Listener) Notify(ev string) { l.events <- ev }

type Bus struct {
	mu   sync.Mutex
	subs []weak.Pointer[Listener]
	once sync.Once
}

// O1: quiet: prune dead listeners.
func (b *Bus) Publish(ev string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	live := b.subs[:0]
	for _, wp := range b.subs {
		if l := wp.Value(); l != nil {
			l.Notify(ev)
			live = append(live, wp)
		}
	}
	b.subs = live
}

// O2: method call on unchecked referent.
func (b *Bus) First(ev string) {
	b.subs[0].Value().Notify(ev) // want `possible nil dereference`
}

// O3: closure created before the check, called after: quiet.
func (b *Bus) NotifyFirst(ev string) {
	l := b.subs[0].Value()
	send := func() { l.Notify(ev) }
	if l == nil {
		return
	}
	send()
}

// O4: closure called before the check.
func (b *Bus) NotifyFirstEarly(ev string) {
	l := b.subs[0].Value()
	send := func() { l.Notify(ev) } // want `possible nil dereference`
	send()
	if l == nil {
		log.Print("gone")
	}
}

// O5: quiet: closure built inside the check.
func (b *Bus) Each(f func(*Listener)) {
	for _, wp := range b.subs {
		if l := wp.Value(); l != nil {
			func() { f(l) }()
		}
	}
}

// O6: goroutine with an unchecked referent.
func (b *Bus) Async(ev string) {
	l := b.subs[0].Value()
	go func() {
		l.events <- ev // want `possible nil dereference`
	}()
}

// O7: a getter method wrapping Value, called again after the check.
type handle struct {
	ref weak.Pointer[Listener]
}

func (h *handle) get() *Listener { return h.ref.Value() }

func (h *handle) send(ev string) {
	if h.get() != nil {
		h.get().Notify(ev) // want `called again after a nil check`
	}
}

// O8: quiet: getter result kept.
func (h *handle) sendOnce(ev string) {
	if l := h.get(); l != nil {
		l.Notify(ev)
	}
}

// O9: a method value wrapping Value.
func (h *handle) sendVia(ev string) {
	get := h.ref.Value
	if get() != nil {
		get().Notify(ev) // want `called again after a nil check`
	}
}

// O10: the race inside a deferred closure.
func (h *handle) close() {
	defer func() {
		if h.ref.Value() != nil {
			close(h.ref.Value().events) // want `called again after a nil check`
		}
	}()
}

// O11: named result assigned from Value, dereferenced in a deferred closure.
func (h *handle) name() (l *Listener) {
	defer func() {
		log.Print(l.name) // want `possible nil dereference`
	}()
	l = h.ref.Value()
	return l
}

// O12: quiet: named result checked in the deferred closure.
func (h *handle) nameChecked() (l *Listener) {
	defer func() {
		if l != nil {
			log.Print(l.name)
		}
	}()
	l = h.ref.Value()
	return l
}

// O13: a deferred function that may leave the named result nil: the
// function returns a possibly nil referent.
func (h *handle) lookup() (l *Listener) {
	defer func() {
		if recover() != nil {
			l = nil
		}
	}()
	l = h.ref.Value()
	if l == nil {
		l = &Listener{}
	}
	return l
}

func (h *handle) useLookup() string {
	return h.lookup().name // want `possible nil dereference`
}

// O14: interface holding the referent, method then called.
type notifier interface{ Notify(string) }

func (h *handle) asNotifier(ev string) {
	var n notifier = h.ref.Value()
	n.Notify(ev) // want `possible nil dereference`
}

// O15: quiet: interface built after the check.
func (h *handle) asNotifierChecked(ev string) {
	l := h.ref.Value()
	if l == nil {
		return
	}
	var n notifier = l
	n.Notify(ev)
}

// O16: quiet: Once-guarded init that checks.
func (b *Bus) init() {
	b.once.Do(func() {
		for _, wp := range b.subs {
			if l := wp.Value(); l != nil {
				l.name = "init"
			}
		}
	})
}
