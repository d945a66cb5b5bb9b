package weakmap

import (
	"runtime"
	"sync"
	"weak"
)

// Nested weak maps: one weak map per room, per tenant, per topic.

type player struct{ name string }

// Positive: weak-keyed inner maps, filled through the outer map directly.
var scores = map[string]map[weak.Pointer[player]]int{} // want `entries of scores are never removed`

func Open(room string) { scores[room] = map[weak.Pointer[player]]int{} }

func Score(room string, p *player, n int) { scores[room][weak.Make(p)] += n } // want Score:`keeps\(weak 1 in \[\] global\)`

// Quiet: each entry of an inner map is deleted by a cleanup on its
// referent, if it still holds the same weak pointer.
type rooms struct {
	mu sync.Mutex
	m  map[string]map[string]weak.Pointer[player]
}

func (r *rooms) Join(room string, p *player) {
	wp := weak.Make(p)
	r.mu.Lock()
	in := r.m[room]
	if in == nil {
		in = map[string]weak.Pointer[player]{}
		r.m[room] = in
	}
	in[p.name] = wp
	r.mu.Unlock()
	runtime.AddCleanup(p, func(name string) {
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.m[room][name] == wp {
			delete(r.m[room], name)
		}
	}, p.name)
}

// Quiet: an exported sweep over the inner maps.
type lobby struct {
	m map[int]map[string]weak.Pointer[player]
}

func (l *lobby) Join(table int, p *player) { // want Join:`keeps\(weak 1 in \[\-1\]\)`
	if l.m[table] == nil {
		l.m[table] = map[string]weak.Pointer[player]{}
	}
	l.m[table][p.name] = weak.Make(p)
}

func (l *lobby) Sweep() {
	for _, seats := range l.m {
		for name, wp := range seats {
			if wp.Value() == nil {
				delete(seats, name)
			}
		}
	}
}
