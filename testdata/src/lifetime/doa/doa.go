// Package doa makes weak pointers to objects that nothing keeps (rule 4):
// Value may return nil right away.
package doa

import "weak"

type Session struct {
	ID    string
	Token []byte
}

type Registry struct {
	byID   map[string]*Session
	weakID map[string]weak.Pointer[Session]
}

// newSession is a constructor: its result is fresh.
func newSession(id string) *Session { return &Session{ID: id} }

// lookup returns a session the registry keeps.
func (r *Registry) lookup(id string) *Session { return r.byID[id] }

func (r *Registry) Broken(id string) weak.Pointer[Session] {
	w := weak.Make(&Session{ID: id}) // want `weak.Make of a new object that nothing else keeps: it may be collected at once and Value\(\) may return nil right away`
	r.weakID[id] = w
	return w
}

func (r *Registry) BrokenCtor(id string) {
	r.weakID[id] = weak.Make(newSession(id)) // want `weak.Make of a new object that nothing else keeps`
}

func (r *Registry) BrokenLocal(id string) {
	s := &Session{ID: id}
	s.Token = []byte(id)
	r.weakID[id] = weak.Make(s) // want `weak.Make of a new object that nothing else keeps`
}

func (r *Registry) Kept(id string) *Session {
	s := &Session{ID: id}
	r.weakID[id] = weak.Make(s) // quiet: s is returned
	return s
}

func (r *Registry) Stored(id string) {
	s := newSession(id)
	r.byID[id] = s
	r.weakID[id] = weak.Make(s) // quiet: the registry keeps s
}

func (r *Registry) Existing(id string) {
	r.weakID[id] = weak.Make(r.lookup(id)) // quiet: not a new object
}

// ReadAfter reads s after the call, and nothing else: s lives until
// then, but the weak pointer in the registry outlives it.
func (r *Registry) ReadAfter(id string) int {
	s := &Session{ID: id}
	w := weak.Make(s) // want `weak.Make of a new object, whose value is only read or copied after the call: nothing keeps its address, so Value\(\) returns nil once the function is done with it; keep and return \(or store\) the pointer s instead of a copy`
	r.weakID[id] = w
	return len(s.Token)
}

// CheckedWhileRead looks at the weak pointer only while s is still read
// below: Value() cannot be nil there.
func CheckedWhileRead(id string) int {
	s := &Session{ID: id}
	w := weak.Make(s) // quiet: the weak pointer dies with this function
	if w.Value() == nil {
		panic("collected")
	}
	return len(s.Token)
}

// CheckedAfterRead looks at the weak pointer after the last read of s.
func CheckedAfterRead(id string) bool {
	s := &Session{ID: id}
	w := weak.Make(s) // want `weak.Make of a new object, whose value is only read`
	n := len(s.Token)
	return n > 0 && w.Value() != nil
}
