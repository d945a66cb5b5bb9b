package weakstore

import "weak"

// Rule 1 the other way round: the caller keeps the weak pointer, a helper
// of the package makes the strong copy.

type img struct{ px []byte }

func (i *img) Release() {}

type gallery struct {
	byName map[string]weak.Pointer[img]
	pinned []*img
	hooks  []func()
	recent [4]*img
	next   int
	sizes  map[string]int
}

func (g *gallery) pin(i *img) { g.pinned = append(g.pinned, i) }

func (g *gallery) onClose(f func()) { g.hooks = append(g.hooks, f) }

// remember overwrites one slot of a fixed ring: bounded, not summarized.
func (g *gallery) remember(i *img) {
	g.recent[g.next%len(g.recent)] = i
	g.next++
}

func (g *gallery) measure(name string, i *img) { g.sizes[name] = len(i.px) }

// Positive: the helper appends the image to the gallery that holds its
// weak pointer.
func (g *gallery) Add(name string, i *img) { // want Add:`keeps\(weak 1 in \[\-1\]\)`
	g.byName[name] = weak.Make(i)
	g.pin(i) // want `pin stores i strongly \(in g.pinned\), in the same g that holds its weak pointer`
}

// Positive: a method value bound to the image, registered by a helper.
func (g *gallery) Watch(name string, i *img) { // want Watch:`keeps\(weak 1 in \[\-1\]\)`
	g.byName[name] = weak.Make(i)
	g.onClose(i.Release) // want `onClose stores a method value holding i strongly \(in g.hooks\), in the same g`
}

// Positive: two helpers down, a package-level list.
var everything []*img

func record(i *img)  { everything = append(everything, i) }
func archive(i *img) { record(i) }

func (g *gallery) Archive(name string, i *img) { // want Archive:`keeps\(weak 1 in \[\-1\]\)`
	g.byName[name] = weak.Make(i)
	archive(i) // want `archive stores i strongly \(in everything\), a package-level variable`
}

// Quiet: a bounded ring of recent images; a value computed from the image;
// another gallery's pins.
func (g *gallery) View(name string, i *img, other *gallery) { // want View:`keeps\(weak 1 in \[\-1\]\)`
	g.byName[name] = weak.Make(i)
	g.remember(i)
	g.measure(name, i)
	other.pin(i)
}

func (g *gallery) Forget(name string) { delete(g.byName, name) }

// A helper that keeps both references itself is reported inside, where
// both stores are; its callers in the package are not reported again.
type registry struct {
	byID   map[string]weak.Pointer[img]
	byName map[string]*img
}

func (r *registry) adopt(id string, i *img) {
	r.byID[id] = weak.Make(i)
	r.byName[id] = i // want `i is stored strongly in r.byName\[id\]`
}

func (r *registry) Load(id string) *img {
	i := &img{}
	r.adopt(id, i)
	return i
}

func (r *registry) Forget(id string) { delete(r.byID, id) }
