package referents

import (
	"go/token"

	"github.com/weaklint/weaklint/internal/ssa"
)

// A Use is a dereference of a possibly reclaimed referent that no nil check
// dominates: what weakderef reports.
type Use struct {
	Instr ssa.Instruction // the dereferencing instruction
	Value ssa.Value       // the referent it dereferences
	Call  *ssa.Call       // the call that produced the referent
	// Wrapper: the callee is not a weak API but returns a referent unchecked.
	Wrapper bool
	// Field: the field of Call's struct result that holds the referent, or "".
	Field string
	// Recall: another call of Value on the same weak pointer (or of the
	// same getter wrapping Value, with the same arguments), checked
	// non-nil where this one is used (the re-call race), or nil.
	Recall *ssa.Call
	// Yielded: the referent is an argument of a function passed to Call,
	// which hands it one unchecked (an iterator's yield, a callback).
	Yielded bool
	// Elem: the referent is an element of the slice Call returns.
	Elem bool
	// Stored: the referent was read from a struct field that another
	// function stores Call's result in unchecked (Call is there).
	Stored *StoredField
	// Boxed: Call returns the referent boxed in an interface, non-nil
	// even when the pointer in it is nil.
	Boxed bool
	// Out: Call stores the referent through a pointer argument, the
	// address of the variable read here.
	Out bool
	// Sent: the referent was received from a channel that this send (a
	// Send or a Select, maybe of a goroutine) put Call's result on
	// unchecked (Call is there).
	Sent *ChanSend
	// Returned: the re-called value is returned rather than dereferenced
	// (if p.Value() != nil { return p.Value(), nil }).
	Returned bool
}

func (w *walker) recordUse(instr ssa.Instruction, v ssa.Value, o *origin, at scope) {
	u := Use{Instr: instr, Value: v, Call: o.call, Wrapper: o.wrapper, Field: o.field, Yielded: o.yielded, Elem: o.elem, Boxed: o.boxed, Out: o.out}
	if o.stored != nil {
		u.Stored = o.stored.describe()
		w.uses = append(w.uses, u) // (its call is another function's: no re-call race)
		return
	}
	if o.sent != nil {
		u.Sent = o.sent
		w.uses = append(w.uses, u) // (its call is the sender's: no re-call race)
		return
	}
	if checked := w.checkedEarlierCall(o, at); checked != nil {
		u.Recall = checked.call
	}
	w.uses = append(w.uses, u)
}

// recordReturnedRecall records the results of ret that call Value (or a
// getter) again after a nil check of an earlier call: the caller is handed
// a nil it was promised not to get.
func (w *walker) recordReturnedRecall(ret *ssa.Return, at scope) {
	for _, r := range ret.Results {
		v := w.c.canon(r)
		o := w.originOf(v)
		if o == nil || w.nilness(at, v) == nonNil {
			continue
		}
		if checked := w.checkedEarlierCall(o, at); checked != nil {
			w.uses = append(w.uses, Use{Instr: ret, Value: v, Call: o.call, Wrapper: o.wrapper, Recall: checked.call, Returned: true})
		}
	}
}

// sameSource reports whether two origins call Value on the same weak
// pointer, or the same getter with the same arguments.
func sameSource(a, b *origin) bool {
	if a.weakRecv != nil || b.weakRecv != nil {
		return a.weakRecv != nil && b.weakRecv != nil && sameOperand(a.weakRecv, b.weakRecv)
	}
	ca, cb := a.call.Common(), b.call.Common()
	fa, fb := ca.StaticCallee(), cb.StaticCallee()
	if fa == nil || fa != fb || len(ca.Args) != len(cb.Args) {
		return false
	}
	if mc, ok := ca.Value.(*ssa.MakeClosure); ok {
		mb, ok := cb.Value.(*ssa.MakeClosure)
		if !ok || len(mc.Bindings) != len(mb.Bindings) {
			return false
		}
		for i := range mc.Bindings {
			if !sameOperand(mc.Bindings[i], mb.Bindings[i]) {
				return false
			}
		}
	}
	for i := range ca.Args {
		if !sameOperand(ca.Args[i], cb.Args[i]) {
			return false
		}
	}
	return true
}

// checkedEarlierCall returns the origin of another Value() call on the same
// weak pointer (or of the same getter) that the facts show was checked
// non-nil, if any.
func (w *walker) checkedEarlierCall(o *origin, at scope) *origin {
	var found *origin
	at.each(func(f fact) bool {
		if !f.nonNil || f.value == ssa.Value(o.call) {
			return true
		}
		other := w.originOf(f.value)
		if other != nil && other != o && other.call != o.call && other.wrapper == o.wrapper && sameSource(other, o) {
			found = other
			return false
		}
		return true
	})
	return found
}

// ComparedWithNil reports whether the result of call is compared with nil,
// directly or after it meets other values in a φ-node: whether the earlier
// call of a re-call race was checked, or only dereferenced.
func ComparedWithNil(call *ssa.Call) bool {
	seen := make(map[ssa.Value]bool)
	var compared func(v ssa.Value) bool
	compared = func(v ssa.Value) bool {
		if seen[v] || v.Referrers() == nil {
			return false
		}
		seen[v] = true
		for _, r := range *v.Referrers() {
			switch r := r.(type) {
			case *ssa.BinOp:
				if (r.Op == token.EQL || r.Op == token.NEQ) && (isNilConst(r.X) || isNilConst(r.Y)) {
					return true
				}
			case *ssa.Phi:
				if compared(r) {
					return true
				}
			}
		}
		return false
	}
	return compared(call)
}
