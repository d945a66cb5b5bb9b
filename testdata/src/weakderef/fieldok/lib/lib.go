// Package lib returns structs whose bool field is the comma-ok of their
// pointer field (the facts name it: "0.0 ok=1" is field 0 of result 0,
// non-nil when field 1 is true), and look-alikes whose bool field says
// nothing of the pointer. Its importer (../app) branches on them.
// (Adapted from adversarial round 4: c_ui app/dialog.go's snapshot.)
package lib

import (
	"errors"
	"time"
	"weak"
)

type Conn struct{ Addr string }

// Cache is a generic weak cache: Load's pointer is nil when ok is false.
type Cache[K comparable, V any] struct{ m map[K]weak.Pointer[V] }

func (c *Cache[K, V]) Load(k K) (*V, bool) { // want Load:"maybeNil\\(0 ok=1\\)"
	w, ok := c.m[k]
	if !ok {
		return nil, false
	}
	v := w.Value()
	return v, v != nil
}

type Registry struct {
	conns  Cache[string, Conn]
	byName map[string]weak.Pointer[Conn]
	strict bool
}

type Lookup struct {
	Conn  *Conn
	Found bool
}

// Find: Found is the ok of the same Load.
func (r *Registry) Find(id string) Lookup { // want Find:"maybeNil\\(0.0 ok=1\\)"
	c, ok := r.conns.Load(id)
	return Lookup{Conn: c, Found: ok}
}

// FindPtr returns the struct by pointer.
func (r *Registry) FindPtr(id string) *Lookup { // want FindPtr:"maybeNil\\(0.0 ok=1\\)"
	c, ok := r.conns.Load(id)
	return &Lookup{Conn: c, Found: ok}
}

// FindOrNil returns no struct for an empty id.
func (r *Registry) FindOrNil(id string) *Lookup { // want FindOrNil:"maybeNil\\(0.0 ok=1\\)"
	if id == "" {
		return nil
	}
	c, ok := r.conns.Load(id)
	return &Lookup{Conn: c, Found: ok}
}

// FindFast returns the zero Lookup (not found) without looking.
func (r *Registry) FindFast(id string, fast bool) Lookup { // want FindFast:"maybeNil\\(0.0 ok=1\\)"
	if fast {
		return Lookup{}
	}
	c, ok := r.conns.Load(id)
	return Lookup{Conn: c, Found: ok}
}

// FindVia forwards Find's result: the same ok field.
func (r *Registry) FindVia(id string) Lookup { // want FindVia:"maybeNil\\(0.0 ok=1\\)"
	return r.Find(id)
}

// FindStored fills a variable field by field.
func (r *Registry) FindStored(id string) Lookup { // want FindStored:"maybeNil\\(0.0 ok=1\\)"
	var l Lookup
	l.Conn, l.Found = r.conns.Load(id)
	return l
}

// FindLoose: Found is not about Conn.
func (r *Registry) FindLoose(id string) Lookup { // want FindLoose:"maybeNil\\(0.0\\)"
	c, _ := r.conns.Load(id)
	return Lookup{Conn: c, Found: id != ""}
}

// FindLenient: Found is true on a path where Conn may be nil.
func (r *Registry) FindLenient(id string) Lookup { // want FindLenient:"maybeNil\\(0.0\\)"
	c, ok := r.conns.Load(id)
	if !ok && r.strict {
		return Lookup{}
	}
	return Lookup{Conn: c, Found: true}
}

// Snapshot: alive is set w != nil with w.
type Snapshot struct {
	Target *Conn
	At     time.Time
	Alive  bool
}

func (r *Registry) Snap(name string) Snapshot { // want Snap:"maybeNil\\(0.0 ok=2\\)"
	w := r.byName[name].Value()
	return Snapshot{Target: w, Alive: w != nil, At: time.Now()}
}

// Placement: OK is a constant true where Box was checked, false (the zero
// value) where it is nil.
type Box struct{ W, H int }

type Placement struct {
	Box *Box
	OK  bool
}

type Layout struct{ boxes map[string]weak.Pointer[Box] }

func (l *Layout) Place(id string) Placement { // want Place:"maybeNil\\(0.0 ok=1\\)"
	b := l.boxes[id].Value()
	if b == nil {
		return Placement{Box: b}
	}
	return Placement{Box: b, OK: true}
}

// PlaceFirst returns the first live box, or the last one tried (nil).
func (l *Layout) PlaceFirst(ids []string) Placement { // want PlaceFirst:"maybeNil\\(0.0 ok=1\\)"
	var b *Box
	for _, id := range ids {
		if b = l.boxes[id].Value(); b != nil {
			return Placement{Box: b, OK: true}
		}
	}
	return Placement{Box: b, OK: false}
}

// PlaceOr sets OK true unconditionally with a value that may be nil.
func (l *Layout) PlaceOr(id string) Placement { // want PlaceOr:"maybeNil\\(0.0\\)"
	b := l.boxes[id].Value()
	if b == nil && len(id) > 3 {
		return Placement{}
	}
	return Placement{Box: b, OK: true}
}

// Pair holds two results, each with its own flag.
type Pair struct {
	A, B     *Box
	HasA     bool
	HasB     bool
	Resolved bool
}

func (l *Layout) Pair(a, b string) Pair { // want Pair:"maybeNil\\(0.0 ok=2, 0.1 ok=3\\)"
	x, y := l.boxes[a].Value(), l.boxes[b].Value()
	return Pair{A: x, B: y, HasA: x != nil, HasB: y != nil, Resolved: true}
}

// Both is a snapshot of two referents, or an error: the zero Both comes
// with the error result, which guards its fields (no fact on them).
type Both struct {
	A, B *Box
	Tag  string
}

var ErrGone = errors.New("gone")

func (l *Layout) Both(a, b string) (Both, error) {
	x, y := l.boxes[a].Value(), l.boxes[b].Value()
	if x == nil || y == nil {
		return Both{}, ErrGone
	}
	return Both{A: x, B: y}, nil
}

// BothTagged leaves the fields nil in a literal that is not zero.
func (l *Layout) BothTagged(a, b string) (Both, error) {
	x, y := l.boxes[a].Value(), l.boxes[b].Value()
	if x == nil || y == nil {
		return Both{Tag: a + b}, ErrGone
	}
	return Both{A: x, B: y, Tag: a + b}, nil
}
