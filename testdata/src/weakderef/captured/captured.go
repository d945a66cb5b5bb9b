// Package captured: a guard (err, ok) held in a variable that a closure
// captures lives in a heap cell; when the closures only read it, the check
// of the cell's latest value guards the referent as a register would.
// (Adapted from adversarial round 3: b_db service.go Ship and ManagerOf,
// b_pubsub presence/report.go Touch.)
package captured

import (
	"errors"
	"log"
	"weak"
)

type Order struct{ Shipped bool }

type Store struct{ orders map[int]weak.Pointer[Order] }

var ErrEvicted = errors.New("evicted")

func (s *Store) Resident(id int) (*Order, error) {
	if o := s.orders[id].Value(); o != nil {
		return o, nil
	}
	return nil, ErrEvicted
}

func (s *Store) Load(id int) (*Order, bool) {
	o := s.orders[id].Value()
	return o, o != nil
}

func rollback() {}

// A named error result that a deferred closure reads: quiet.
func (s *Store) Ship(id int) (err error) {
	defer func() {
		if err != nil {
			rollback()
		}
	}()
	o, err := s.Resident(id)
	if err != nil {
		return err
	}
	o.Shipped = true
	return nil
}

// The same with the error only logged.
func (s *Store) ShipLoose(id int) (err error) {
	defer func() {
		if err != nil {
			rollback()
		}
	}()
	o, err := s.Resident(id)
	if err != nil {
		log.Print(err)
	}
	o.Shipped = true // want `possible nil dereference`
	return nil
}

// A deferred closure that stores to the result: it runs only when the
// function ends, so in the body the cell holds what Resident returned and
// the check guards o (deferstore has more of this shape).
func (s *Store) ShipRecover(id int) (err error) {
	defer func() {
		if recover() != nil {
			err = ErrEvicted
		}
	}()
	o, err := s.Resident(id)
	if err != nil {
		return err
	}
	o.Shipped = true
	return nil
}

// A named ok result that a deferred closure reads: quiet after if !ok.
func (s *Store) Touch(id int) (shipped bool, ok bool) {
	o, ok := s.Load(id)
	defer func() {
		if ok {
			log.Print("touched")
		}
	}()
	if !ok {
		return false, false
	}
	return o.Shipped, true
}

// ok captured by a closure that checks it: quiet.
func (s *Store) ShippedOr(id int, def bool) bool {
	o, ok := s.Load(id)
	return func() bool {
		if !ok {
			return def
		}
		return o.Shipped
	}()
}

// The closure tests the wrong way round.
func (s *Store) ShippedWrong(id int, def bool) bool {
	o, ok := s.Load(id)
	return func() bool {
		if ok {
			return def
		}
		return o.Shipped // want `possible nil dereference`
	}()
}

// A named result holds nil until its first store: a check of it is not a
// check of what is stored there later. (Adapted from adversarial round 3:
// b_db stmtcache.Hottest.)
func (s *Store) Newest() (best *Order) {
	defer rollback()
	for _, w := range s.orders {
		o := w.Value()
		if best == nil || o.Shipped { // want `possible nil dereference`
			best = o
		}
	}
	return best
}

// The same, checked: quiet.
func (s *Store) NewestChecked() (best *Order) {
	defer rollback()
	for _, w := range s.orders {
		o := w.Value()
		if o == nil {
			continue
		}
		if best == nil || o.Shipped {
			best = o
		}
	}
	return best
}

// A deferred closure runs at the returns: it sees the ok that each return
// stores, false where the order may be gone. (Adapted from adversarial
// round 3: b_pubsub presence/report.go Touch.)
func (s *Store) Mark(id int) (shipped bool, ok bool) {
	o, ok := s.Load(id)
	defer func() {
		if ok {
			o.Shipped = true
		}
	}()
	if !ok {
		return false, false
	}
	return o.Shipped, true
}

// The early return says ok anyway.
func (s *Store) MarkWrong(id int) (shipped bool, ok bool) {
	o, ok := s.Load(id)
	defer func() {
		if ok {
			o.Shipped = true // want `possible nil dereference`
		}
	}()
	if !ok {
		return false, true
	}
	return o.Shipped, true
}

// The named error: nil only where the order was checked. (Adapted from
// adversarial round 4: c_fs inode/inode.go Stat.)
func (s *Store) Stat(id int) (shipped bool, err error) {
	o := s.orders[id].Value()
	defer func() {
		if err == nil {
			log.Print(o.Shipped)
		}
	}()
	if o == nil {
		return false, ErrEvicted
	}
	return o.Shipped, nil
}

// A return of a nil error with the order gone.
func (s *Store) StatLoose(id int) (shipped bool, err error) {
	o := s.orders[id].Value()
	defer func() {
		if err == nil {
			log.Print(o.Shipped) // want `possible nil dereference`
		}
	}()
	if o == nil {
		return false, nil
	}
	return o.Shipped, nil
}

// A return before the defer statement does not run the closure.
func (s *Store) StatEarly(id int, skip bool) (shipped bool, err error) {
	if skip {
		return false, nil
	}
	o := s.orders[id].Value()
	defer func() {
		if err == nil {
			log.Print(o.Shipped)
		}
	}()
	if o == nil {
		return false, ErrEvicted
	}
	return o.Shipped, nil
}

// Deferred in a loop, each closure reads its own iteration's variables.
func (s *Store) StatEach(ids []int) (n int, err error) {
	for _, id := range ids {
		o := s.orders[id].Value()
		found := o != nil
		defer func() {
			if found {
				log.Print(o.Shipped)
			}
		}()
		if !found {
			return n, ErrEvicted
		}
		n++
	}
	return n, nil
}
