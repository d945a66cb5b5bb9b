// Package iterrecv checks methods that return an iterator closing over
// their receiver: the receiver is dereferenced where the iterator is
// called (ranged over), not by the method. A method that ranges over its
// own receiver's iterator dereferences the receiver, so calling it on a
// possibly reclaimed referent is a use. Beside them, iterators that check
// their receiver, and referents checked first. (Adapted from adversarial
// round 7: f_game world.Room.Members, Broadcast.)
package iterrecv

import (
	"iter"
	"weak"
)

type Entity struct {
	Name string
	room weak.Pointer[Room]
}

type Room struct {
	members []*Entity
}

func (e *Entity) Room() *Room { return e.room.Value() }

// Members dereferences r only when the iterator runs.
func (r *Room) Members() iter.Seq[*Entity] {
	return func(yield func(*Entity) bool) {
		for _, m := range r.members {
			if !yield(m) {
				return
			}
		}
	}
}

// SafeMembers yields nothing for a nil room.
func (r *Room) SafeMembers() iter.Seq[*Entity] {
	return func(yield func(*Entity) bool) {
		if r == nil {
			return
		}
		for _, m := range r.members {
			if !yield(m) {
				return
			}
		}
	}
}

func (r *Room) Count() int {
	n := 0
	for range r.Members() {
		n++
	}
	return n
}

func (r *Room) SafeCount() int {
	n := 0
	for range r.SafeMembers() {
		n++
	}
	return n
}

func names(e *Entity) []string {
	var out []string
	for m := range e.Room().Members() { // want `possible nil dereference: e.Room\(\) may return nil`
		out = append(out, m.Name)
	}
	return out
}

func count(e *Entity) int {
	return e.Room().Count() // want `possible nil dereference: e.Room\(\) may return nil`
}

func safeCount(e *Entity) int {
	return e.Room().SafeCount()
}

func countChecked(e *Entity) int {
	r := e.Room()
	if r == nil {
		return 0
	}
	return r.Count()
}

// Members called but its iterator not run: nothing dereferenced.
func seq(e *Entity) iter.Seq[*Entity] {
	return e.Room().Members()
}
