// Package bufpool returns a page nil only with an error whose Is method is
// of another package (page), and one whose Is method it declares.
package bufpool

import (
	"errors"
	"fmt"
	"weak"

	"example.com/iskeys/page"
)

type Pool struct {
	pages map[int]weak.Pointer[page.Page]
}

func (p *Pool) Peek(id int) (*page.Page, bool) {
	pg := p.pages[id].Value()
	return pg, pg != nil
}

// Resident's error matches whatever page.EvictedError.Is matches, which
// this package cannot read: any sentinel.
func (p *Pool) Resident(id int) (*page.Page, error) {
	if pg, ok := p.Peek(id); ok {
		return pg, nil
	}
	return nil, &page.EvictedError{ID: id}
}

// Wrapped passes Resident's error on through %w.
func (p *Pool) Wrapped(id int) (*page.Page, error) {
	pg, err := p.Resident(id)
	if err != nil {
		return nil, fmt.Errorf("root: %w", err)
	}
	return pg, nil
}

var ErrGone = errors.New("gone")

// GoneError's Is method is readable here: it matches ErrGone only.
type GoneError struct{ ID int }

func (e GoneError) Error() string { return "gone" }

func (e GoneError) Is(target error) bool { return target == ErrGone }

func (p *Pool) Local(id int) (*page.Page, error) {
	if pg, ok := p.Peek(id); ok {
		return pg, nil
	}
	return nil, GoneError{ID: id}
}
