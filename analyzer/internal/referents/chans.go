package referents

import (
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Referents sent on a channel a function makes. A value received from a
// channel is what some send put there; if one send puts a possibly
// reclaimed referent on it unchecked, a receiver cannot tell that value
// from the others, and may get nil:
//
//	ch := make(chan *Tile)
//	go func() {
//		for _, k := range keys { ch <- s.cached(k) } // nil once collected
//		close(ch)
//	}()
//	for t := range ch { t.Key } // t may be nil
//
// The sends followed are the maker's and those of the closures it makes
// (goroutines above all), in send statements and in select cases; a send
// of a value checked non-nil (or dereferenced) before does not count. The
// record (checker.sentOn) keeps one unchecked send per channel. The maker
// and its closures are one component, walked again when a closure adds to
// the record, so that the maker's receives see it.
//
// (elems.go follows the channel a function returns, and a local channel
// sent on and received from in the same function; chanfields.go a struct
// field of channel type. This adds the sends of closures, and select's.)

// A chanKey names a channel the package sends on: the MakeChan of a
// channel a function makes.
type chanKey struct {
	made *ssa.MakeChan
}

// A chanSend is a send of an unchecked referent: where it is, and the
// origin of the referent.
type chanSend struct {
	at     *ChanSend
	origin *origin
}

// A ChanSend is a send statement or select case that puts a possibly
// reclaimed referent on a channel unchecked, as Use.Sent reports it.
type ChanSend struct {
	Sender *ssa.Function // the function that sends (a closure, maybe)
	Pos    token.Pos     // its arrow, or the call that sends (Passed)
	// Passed: the channel is passed to a call that sends on it
	// (sendson.go); the call is Use.Call.
	Passed bool
}

// recordSends records the sends of instr, a send statement or a select,
// of possibly reclaimed referents not known non-nil at scope at.
func (w *walker) recordSends(instr ssa.Instruction, at scope) {
	switch instr := instr.(type) {
	case *ssa.Send:
		w.recordSend(instr.Pos(), instr.Chan, instr.X, at)
	case *ssa.Select:
		for _, st := range instr.States {
			if st.Dir == types.SendOnly {
				w.recordSend(st.Pos, st.Chan, st.Send, at)
			}
		}
	}
}

func (w *walker) recordSend(pos token.Pos, ch, val ssa.Value, at scope) {
	if !isPointer(val.Type()) {
		return
	}
	key, ok := w.c.chanKeyOf(ch)
	if ok {
		if _, had := w.c.sentOn[key]; had {
			return
		}
	}
	v := w.c.canon(val)
	o := w.originOf(v)
	if o == nil || w.nilness(at, v) == nonNil || w.derivedNilness(at, v) == nonNil {
		return
	}
	if !ok {
		w.recordParamSend(ch) // out <- ring[i].Value(): the caller's channel (sendson.go)
		return
	}
	if w.c.sentOn == nil {
		w.c.sentOn = make(map[chanKey]chanSend)
	}
	w.c.sentOn[key] = chanSend{&ChanSend{Sender: w.fn, Pos: pos}, o}
	if key.made != nil && key.made.Parent() != w.fn {
		// A closure sent on its maker's channel: the maker, in its
		// component, is walked again to see it.
		w.nestedChanged = true
	}
}

// chanKeyOf returns the channel that ch, the operand of a send or
// receive, denotes, if the package sees its sends: a channel made by a
// function of the package (ch, or a closure's captured ch).
func (c *checker) chanKeyOf(ch ssa.Value) (chanKey, bool) {
	for {
		ct, ok := ch.(*ssa.ChangeType) // chan T as <-chan T
		if !ok {
			break
		}
		ch = ct.X
	}
	switch v := c.canon(ch).(type) {
	case *ssa.MakeChan:
		return chanKey{made: v}, true
	case *ssa.ChangeType:
		if mc, ok := c.canon(v.X).(*ssa.MakeChan); ok {
			return chanKey{made: mc}, true
		}
	}
	return chanKey{}, false
}

// chanOrigin returns an origin if v is received from a channel that the
// record says an unchecked referent is sent on: the sent referent's.
func (w *walker) chanOrigin(v ssa.Value) *origin {
	if !isPointer(v.Type()) || len(w.c.sentOn) == 0 {
		return nil
	}
	ch := receivedFrom(v)
	if ch == nil {
		return nil
	}
	key, ok := w.c.chanKeyOf(ch)
	if !ok {
		return nil
	}
	s, ok := w.c.sentOn[key]
	if !ok {
		return nil
	}
	sent := *s.origin
	sent.weakRecv = nil // not a re-call of the sent one's Value
	sent.sent = s.at
	return &sent
}
