package weakstore

import (
	"weak"

	"github.com/weaklint/weaklint/runtimeweak"
)

// The weak pointer comes back from a helper (or from runtimeweak's
// LoadOrCreate) and the caller keeps it next to a strong copy.

type note struct{ text string }

type cell struct {
	wp weak.Pointer[note]
	at int
}

func newCell(n *note, at int) *cell { return &cell{wp: weak.Make(n), at: at} }

func weakNote(n *note) weak.Pointer[note] {
	wp := weak.Make(n)
	return wp
}

type board struct {
	cells map[int]*cell
	notes []*note
	vm    runtimeweak.ValueMap[string, note]
	cur   *note
}

// Positive: the entry made by newCell holds the weak pointer.
func (b *board) Put(id int, n *note) { // want Put:`keeps\(weak 1 in \[\-1\]\)`
	b.cells[id] = newCell(n, id)
	b.notes = append(b.notes, n) // want `n is stored strongly in b.notes, in the same b that holds its weak pointer`
}

// Positive: LoadOrCreate's result is held weakly by b.vm.
func (b *board) Open(name string) *note { // want Open:`keeps\(yields \[0\]\)`
	n := b.vm.LoadOrCreate(name, func() *note { return &note{} })
	b.cur = n // want `n is stored strongly in b.cur, in the same b`
	return n
}

// Quiet: the weak pointer goes to another board.
func (b *board) Share(other *board, id int, n *note) { // want Share:`keeps\(weak 2 in \[0\]\)`
	other.cells[id] = &cell{wp: weakNote(n)}
	b.notes = append(b.notes, n)
}

func (b *board) Drop(id int) { delete(b.cells, id) }
