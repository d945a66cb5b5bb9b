package referents

import "golang.org/x/tools/go/ssa"

// A Use is a dereference of a possibly reclaimed referent that no nil check
// dominates: what weakderef reports.
type Use struct {
	Instr ssa.Instruction // the dereferencing instruction
	Value ssa.Value       // the referent it dereferences
	Call  *ssa.Call       // the call that produced the referent
	// Wrapper: the callee is not a weak API but returns a referent unchecked.
	Wrapper bool
	// Recall: another call of Value on the same weak pointer, checked
	// non-nil where this one is used (the re-call race), or nil.
	Recall *ssa.Call
}

func (w *walker) recordUse(instr ssa.Instruction, v ssa.Value, o *origin, at scope) {
	u := Use{Instr: instr, Value: v, Call: o.call, Wrapper: o.wrapper}
	if checked := w.checkedEarlierCall(o, at); checked != nil {
		u.Recall = checked.call
	}
	w.uses = append(w.uses, u)
}

// checkedEarlierCall returns the origin of another Value() call on the same
// weak pointer that the facts show was checked non-nil, if any.
func (w *walker) checkedEarlierCall(o *origin, at scope) *origin {
	if o.weakRecv == nil {
		return nil
	}
	var found *origin
	at.each(func(f fact) bool {
		if !f.nonNil || f.value == ssa.Value(o.call) {
			return true
		}
		other := w.originOf(f.value)
		if other != nil && other != o && other.weakRecv != nil && other.call != o.call &&
			sameOperand(other.weakRecv, o.weakRecv) {
			found = other
			return false
		}
		return true
	})
	return found
}
