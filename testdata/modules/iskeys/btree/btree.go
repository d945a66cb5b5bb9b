// Package btree stops on errors.Is of the sentinel that another package's
// Is method matches. (Adapted from adversarial round 6's shape: the Is
// method in a weak-free package.)
package btree

import (
	"errors"
	"log"

	"example.com/iskeys/bufpool"
	"example.com/iskeys/page"
)

type Tree struct {
	pool *bufpool.Pool
	root int
}

// The error's Is method may match the sentinel: quiet.
func (t *Tree) RootKeys() int {
	pg, err := t.pool.Resident(t.root)
	if errors.Is(err, page.ErrPageEvicted) {
		return -1
	}
	return pg.Len()
}

// Through a %w wrapper: quiet.
func (t *Tree) WrappedKeys() int {
	pg, err := t.pool.Wrapped(t.root)
	if errors.Is(err, page.ErrPageEvicted) {
		return -1
	}
	return pg.Len()
}

// A readable Is method that matches another sentinel only.
func (t *Tree) LocalKeys() int {
	pg, err := t.pool.Local(t.root)
	if errors.Is(err, page.ErrPageEvicted) {
		return -1
	}
	return pg.Len()
}

// The readable Is method's sentinel: quiet.
func (t *Tree) LocalGone() int {
	pg, err := t.pool.Local(t.root)
	if errors.Is(err, bufpool.ErrGone) {
		return -1
	}
	return pg.Len()
}

// The error ignored.
func (t *Tree) Ignored() int {
	pg, _ := t.pool.Resident(t.root)
	return pg.Len()
}

// A test that only logs does not stop the path.
func (t *Tree) Logged() int {
	pg, err := t.pool.Resident(t.root)
	if errors.Is(err, page.ErrPageEvicted) {
		log.Print("evicted")
	}
	return pg.Len()
}

// errors.As does not consult Is: a type the error is not.
func (t *Tree) AsOther() int {
	pg, err := t.pool.Resident(t.root)
	var ge bufpool.GoneError
	if errors.As(err, &ge) {
		return -1
	}
	return pg.Len()
}
