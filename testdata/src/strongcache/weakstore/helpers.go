package weakstore

import (
	"weak"

	"github.com/weaklint/weaklint/runtimeweak"
)

// Rule 1 across helpers: the weak pointer is made and kept by a function
// of the package (summarized), the strong copy is made by its caller.

type doc struct{ body []byte }

type library struct {
	index   map[int]weak.Pointer[doc]
	shelves map[int][]*doc
	byTitle runtimeweak.ValueMap[string, doc]
	open    []shelfItem
	notify  []func()
	history chan *doc
}

type shelfItem struct {
	d   *doc
	pos int
}

// catalog keeps the weak pointer in the library it is given (a plain
// function, not a method: the summary names the parameter).
func catalog(l *library, id int, d *doc) {
	l.index[id] = weak.Make(d)
}

// file reaches catalog through one more helper.
func (l *library) file(id int, d *doc) { catalog(l, id, d) }

// Positive: the caller appends d to a map of slices of the same library.
func (l *library) Shelve(id int, d *doc) { // want Shelve:`keeps\(weak 1 in \[\-1\]\)`
	l.file(id, d)
	l.shelves[id] = append(l.shelves[id], d) // want `d is stored strongly in l.shelves\[id\], in the same l that holds its weak pointer`
}

// Positive: runtimeweak.ValueMap keeps d weakly in l.byTitle; a struct
// holding d is appended to another field of l.
func (l *library) Open(title string, d *doc) { // want Open:`keeps\(weak 1 in \[\-1\]\)`
	l.byTitle.Store(title, d)
	l.open = append(l.open, shelfItem{d: d}) // want `d is stored strongly in l.open, in the same l`
}

var (
	seen    runtimeweak.Set[doc]
	onClose []func()
	recent  = map[*doc]bool{}
)

// Positive: a closure holding d registered in a package-level list next to
// the weak set.
func Watch(d *doc) { // want Watch:`keeps\(weak 0 in \[\] global\)`
	seen.Add(d)
	onClose = append(onClose, func() { _ = d.body }) // want `the closure stored in onClose holds d`
}

// remember keeps the weak pointer in a package-level set.
func remember(d *doc) { seen.Add(d) }

// Positive: the helper keeps it in a package variable, the caller keys a
// package-level map by d.
func Remember(d *doc) { // want Remember:`keeps\(weak 0 in \[\] global\)`
	remember(d)
	recent[d] = true // want `d is held by a weak pointer and also stored strongly in recent\[d\], a package-level variable`
}

// Quiet: the helper keeps the weak pointer in another library than the
// one the caller stores d into.
func (l *library) Mirror(other *library, id int, d *doc) { // want Mirror:`keeps\(weak 2 in \[0\]\)`
	catalog(other, id, d)
	l.shelves[id] = append(l.shelves[id], d)
}

// Quiet: a copy of the document, not the pointer; a channel hands d over.
func (l *library) Archive(id int, d *doc) { // want Archive:`keeps\(weak 1 in \[\-1\]\)`
	l.file(id, d)
	copied := *d
	l.shelves[id] = append(l.shelves[id], &copied)
	l.history <- d
}

// weakOf returns the weak pointer it makes; Pin drops it.
func weakOf(d *doc) weak.Pointer[doc] { return weak.Make(d) }

// Quiet: the weak pointer made by weakOf is not kept by l.
func (l *library) Pin(id int, d *doc) {
	_ = weakOf(d)
	l.shelves[id] = []*doc{d}
}

// Quiet: the callback does not hold d.
func (l *library) Subscribe(d *doc) { // want Subscribe:`keeps\(weak 0 in \[\] global\)`
	seen.Add(d)
	n := len(d.body)
	l.notify = append(l.notify, func() { _ = n })
}

// Forget prunes the index (rule 2 is not what these fixtures are about).
func (l *library) Forget(id int) { delete(l.index, id) }

// Positive: the caller is declared before its helpers, which recurse into
// each other; only odd makes the weak pointer (the summary is a fixed
// point, independent of declaration order).
func (l *library) Deep(n int, d *doc) { // want Deep:`keeps\(weak 1 in \[\-1\]\)`
	l.even(n, d)
	l.open = append(l.open, shelfItem{d: d, pos: n}) // want `d is stored strongly in l.open, in the same l`
}

func (l *library) even(n int, d *doc) {
	if n > 0 {
		l.odd(n-1, d)
	}
}

func (l *library) odd(n int, d *doc) {
	if n == 0 {
		catalog(l, n, d)
		return
	}
	l.even(n-1, d)
}

// Positive: the helper is a function literal kept in a local.
func (l *library) Batch(ds []*doc) {
	index := func(id int, d *doc) { l.index[id] = weak.Make(d) }
	for i, d := range ds {
		index(i, d)
		l.shelves[i] = append(l.shelves[i], d) // want `d is stored strongly in l.shelves\[i\], in the same l`
	}
}

// Quiet: the literal keeps the weak pointer in another library.
func (l *library) BatchTo(other *library, ds []*doc) {
	index := func(id int, d *doc) { other.index[id] = weak.Make(d) }
	for i, d := range ds {
		index(i, d)
		l.shelves[i] = append(l.shelves[i], d)
	}
}
