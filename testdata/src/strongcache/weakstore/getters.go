package weakstore

import (
	"container/list"
	"errors"
	"weak"
)

// A getter of a weak cache hands out the objects the cache holds weakly: a
// referent read through a weak pointer on a hit (checked, so the
// referents summary does not name it), something loaded or taken from a
// strong LRU list on other paths. Whatever it returns there is a referent.

type room struct{ name string }

var errNoRoom = errors.New("no room")

type roomCache struct {
	rooms map[string]weak.Pointer[room]
	lru   *list.List
	elems map[string]*list.Element
	load  func(string) (*room, error)
}

// Drop forgets a room.
func (c *roomCache) Drop(name string) { delete(c.rooms, name) }

// Get returns a checked referent, or a freshly loaded room. (It returns
// nil, with an error, on a path where the referent was gone: the
// referents summary names it.)
func (c *roomCache) Get(name string) (*room, error) {
	if r := c.rooms[name].Value(); r != nil {
		return r, nil
	}
	r, err := c.load(name)
	if err != nil {
		return nil, errNoRoom
	}
	c.rooms[name] = weak.Make(r)
	return r, nil
}

// Recent returns a room from the strong LRU list, or a checked referent of
// the weak index.
func (c *roomCache) Recent(name string) *room {
	if el, ok := c.elems[name]; ok {
		r := el.Value.(*room)
		hotRooms[name] = r // want `r is held by a weak pointer and also stored strongly in hotRooms\[name\], a package-level variable`
		return r
	}
	if r := c.rooms[name].Value(); r != nil {
		return r
	}
	return nil
}

// Open is a getter too: it forwards Get's result.
func (c *roomCache) Open(name string) (*room, error) {
	return c.Get(name)
}

var (
	pinnedRooms = map[string]*room{}
	hotRooms    = map[string]*room{}
	lastRooms   [8]*room
	nRooms      int
)

// Positive: the getter's result, checked through its error, kept forever
// in a package-level map.
func Pin(c *roomCache, name string) error {
	r, err := c.Get(name)
	if err != nil {
		return err
	}
	pinnedRooms[name] = r // want `r is held by a weak pointer and also stored strongly in pinnedRooms\[name\], a package-level variable`
	return nil
}

// Positive: through a getter that forwards another's result.
func PinOpen(c *roomCache, name string) {
	if r, err := c.Open(name); err == nil {
		pinnedRooms[name] = r // want `r is held by a weak pointer and also stored strongly in pinnedRooms\[name\]`
	}
}

// Load returns a checked referent, or makes one: never nil, so only the
// getter summary (yields) names it.
func (c *roomCache) Load(name string) *room { // want Load:`keeps\(yields \[0\]\)`
	if r := c.rooms[name].Value(); r != nil {
		return r
	}
	r := &room{name: name}
	c.rooms[name] = weak.Make(r)
	return r
}

// Positive: through a getter that never returns nil.
func PinLoaded(c *roomCache, name string) {
	r := c.Load(name)
	pinnedRooms[name] = r // want `r is held by a weak pointer and also stored strongly in pinnedRooms\[name\]`
}

// Quiet: a bounded ring of the last rooms: each store overwrites a slot.
func Touch(c *roomCache, name string) {
	r, err := c.Get(name)
	if err != nil {
		return
	}
	lastRooms[nRooms%len(lastRooms)] = r
	nRooms++
}

// Quiet: a map local to the call.
func Count(c *roomCache, names []string) int {
	seen := map[string]*room{}
	for _, n := range names {
		if r, err := c.Get(n); err == nil {
			seen[n] = r
		}
	}
	return len(seen)
}

// Quiet: stored in an object the caller passed in.
type visit struct{ at *room }

func Enter(c *roomCache, v *visit, name string) {
	if r, err := c.Get(name); err == nil {
		v.at = r
	}
}

// A constructor that registers what it makes weakly is no getter: its
// callers are meant to keep the result.
type lobby struct{ guests map[int]weak.Pointer[room] }

func (l *lobby) NewRoom(id int) *room {
	r := &room{}
	l.guests[id] = weak.Make(r)
	return r
}

func (l *lobby) Forget(id int) { delete(l.guests, id) }

var mainRoom *room

// Quiet: keeping what a constructor returns.
func Setup(l *lobby) {
	r := l.NewRoom(1)
	mainRoom = r
}
