package referents

import (
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Referents sent on a channel kept in a field of a long-lived object. One
// function sends a possibly reclaimed referent without checking it, another
// receives it and uses it:
//
//	func (s *Scheduler) Requeue(id JobID) { s.queue <- s.reg.Job(id) } // nil if the job was collected
//	func (s *Scheduler) Dispatch() { for { select { case j := <-s.queue: j.MarkRunning() } } } // a use
//
// It is the record of storedfields.go for the channel's elements: per
// field and per package, built from every function's sends, and judged by
// the second walk. Unlike a pointer field, a channel field also sent
// strong pointers (Submit's s.queue <- j) stays in the record: a later
// store into a field replaces the nil left there, but every value sent on a
// channel is received once, the nil included; a value received from such a field (<-s.f,
// with comma-ok, in a select, by a range over it) is then a referent, and
// a nil check of it guards it.

// recordChanFieldSend records a send of an unchecked referent on a channel
// field, at scope at.
func (w *walker) recordChanFieldSend(send *ssa.Send, at scope) {
	if w.c.fieldPhase || !isPointer(send.X.Type()) {
		return
	}
	f, _ := chanFieldRead(send.Chan)
	if f == nil {
		return
	}
	v := w.c.canon(send.X)
	o := w.originOf(v)
	if o == nil {
		return
	}
	if w.nilness(at, v) == nonNil || w.derivedNilness(at, v) == nonNil || w.nonNilOnEveryPath(send.Block(), v) {
		return
	}
	w.fieldStores = append(w.fieldStores, uncheckedFieldStore{field: f, send: send, origin: o})
}

// chanFieldRead returns the channel field that v loads (s.queue), and the
// struct it is read from.
func chanFieldRead(v ssa.Value) (*types.Var, ssa.Value) {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil, nil
	}
	if _, ok := load.Type().Underlying().(*types.Chan); !ok {
		return nil, nil
	}
	return structFieldVar(fa.X.Type(), fa.Field), fa.X
}

// receivedFrom returns the channel that v receives a value from: <-ch,
// v, ok := <-ch, a select's case v := <-ch (a range over a channel is the
// comma-ok receive); nil if none.
func receivedFrom(v ssa.Value) ssa.Value {
	switch v := v.(type) {
	case *ssa.UnOp:
		if v.Op == token.ARROW && !v.CommaOk {
			return v.X
		}
	case *ssa.Extract:
		switch t := v.Tuple.(type) {
		case *ssa.UnOp:
			if t.Op == token.ARROW && v.Index == 0 {
				return t.X
			}
		case *ssa.Select:
			// (index, recvOk, r_0, r_1, ...): one r per receiving state.
			k := v.Index - 2
			for _, st := range t.States {
				if st.Dir != types.RecvOnly {
					continue
				}
				if k == 0 {
					return st.Chan
				}
				k--
			}
		}
	}
	return nil
}

// chanFieldOrigin returns an origin if v receives from a channel field of
// the record, read from a long-lived struct.
func (w *walker) chanFieldOrigin(v ssa.Value) *origin {
	if !w.c.fieldPhase || !isPointer(v.Type()) {
		return nil
	}
	ch := receivedFrom(v)
	if ch == nil {
		return nil
	}
	f, base := chanFieldRead(ch)
	if f == nil {
		return nil
	}
	s := w.c.chanFields[f]
	if s == nil || !w.longLived(base) {
		return nil
	}
	return &origin{call: s.origin.call, wrapper: true, stored: s}
}

// receivesChanField reports whether fn receives from a channel field of
// the record.
func (c *checker) receivesChanField(fn *ssa.Function) bool {
	if len(c.chanFields) == 0 {
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			v, ok := instr.(ssa.Value)
			if !ok {
				continue
			}
			if ch := receivedFrom(v); ch != nil {
				if f, _ := chanFieldRead(ch); f != nil && c.chanFields[f] != nil {
					return true
				}
			}
		}
	}
	return false
}
