package storedfields

import (
	"sync"
	"weak"
)

type Entity struct {
	HP   int
	Name string
}

// Label is nil-safe.
func (e *Entity) Label() string {
	if e == nil {
		return ""
	}
	return e.Name
}

type subject struct {
	id int
	wp weak.Pointer[Entity]
}

type Recorder struct {
	mu       sync.Mutex
	subjects []subject
	focus    *Entity // stored from Value() unchecked
	pinned   *Entity // stored only after a check
	def      *Entity // stored from a helper that never returns nil
	last     *Entity // stored nil and strong pointers only
	fallback *Entity // stored unchecked, and set by its readers when nil
}

// Focus stores a Value() result that is nil if the subject was collected.
func (r *Recorder) Focus(id int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.subjects {
		if s.id == id {
			r.focus = s.wp.Value()
			r.fallback = s.wp.Value()
			return
		}
	}
}

func (r *Recorder) FocusHPUnchecked() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.focus.HP // want `field Recorder.focus may be nil: \(\*Recorder\).Focus stores s.wp.Value\(\) there without a nil check \(focus.go:\d+\), and it returns nil once the referent is garbage collected`
}

// Passed to a function that dereferences it.
func (r *Recorder) FocusName() string {
	return name(r.focus) // want `field Recorder.focus may be nil`
}

func name(e *Entity) string { return e.Name }

// Checked through the field, used through it (two loads): quiet.
func (r *Recorder) FocusHP() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.focus == nil {
		return -1
	}
	return r.focus.HP
}

// Checked in a conjunction: quiet.
func (r *Recorder) FocusAlive() bool {
	return r.focus != nil && r.focus.HP > 0
}

// Copied to a local and checked: quiet.
func (r *Recorder) FocusHPLocal() int {
	f := r.focus
	if f == nil {
		return -1
	}
	return f.HP
}

// Read through a nil-safe method: quiet.
func (r *Recorder) FocusLabel() string {
	return r.focus.Label()
}

// A check placed after the use guards nothing.
func (r *Recorder) FocusLate() int {
	hp := r.focus.HP // want `field Recorder.focus may be nil`
	if r.focus == nil {
		return -1
	}
	return hp
}

// Pin stores a referent only after checking it.
func (r *Recorder) Pin(id int) {
	for _, s := range r.subjects {
		if e := s.wp.Value(); e != nil && s.id == id {
			r.pinned = e
		}
	}
}

// Stored only checked: quiet.
func (r *Recorder) PinnedHP() int { return r.pinned.HP }

func newDefault() *Entity { return &Entity{HP: 100} }

// Reset stores what a helper returns that is never nil.
func (r *Recorder) Reset() {
	r.def = newDefault()
	r.last = nil
}

// Stored from a helper that never returns nil: quiet.
func (r *Recorder) DefaultHP() int { return r.def.HP }

// Remember stores a strong pointer.
func (r *Recorder) Remember(e *Entity) { r.last = e }

// Stored nil explicitly: ordinary nil-ability, not a weak referent's: quiet.
func (r *Recorder) LastHP() int { return r.last.HP }

// The reader sets the field itself when it is nil: quiet.
func (r *Recorder) FallbackHP() int {
	if r.fallback == nil {
		r.fallback = newDefault()
	}
	return r.fallback.HP
}

// So does a method it calls: quiet.
func (r *Recorder) FallbackName() string {
	r.ensureFallback()
	return r.fallback.Name
}

func (r *Recorder) ensureFallback() {
	if r.fallback == nil {
		r.fallback = newDefault()
	}
}

// Focused hands out the field as it is: its callers get a referent that
// may be nil.
func (r *Recorder) Focused() *Entity { return r.focus }

// FocusedOr checks it first.
func (r *Recorder) FocusedOr() *Entity {
	if r.focus == nil {
		return &Entity{}
	}
	return r.focus
}

func (r *Recorder) FocusedHP() int {
	return r.Focused().HP // want `r.Focused\(\) may return nil`
}

func (r *Recorder) FocusedOrHP() int { return r.FocusedOr().HP }

func (r *Recorder) FocusedChecked() int {
	if e := r.Focused(); e != nil {
		return e.HP
	}
	return 0
}
