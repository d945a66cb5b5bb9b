package referents

import (
	"go/types"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Referents in a pointer field of the structs a slice result holds:
//
//	func (s *Scheduler) Requeue(labels []string) []Job {
//		for ... { jobs = append(jobs, Job{Label: l, Target: h.Get()}) } // nil once collected
//		return jobs
//	}
//	for _, j := range s.Requeue(ls) { j.Target.Srcs } // j.Target may be nil
//
// The Fact describes the field with MaybeNil.Field ElemField(f); a read of
// that field of an element of the call's result is a possibly reclaimed
// referent, and a nil check of it guards the same field of the same
// element (fields.go: one read per element and field).

// elemFieldBase starts the MaybeNil.Field values of the fields of a slice
// result's struct elements: ElemField(f) for field f.
const elemFieldBase = -100

// ElemField is the MaybeNil.Field of field f of a slice result's elements.
func ElemField(f int) int { return elemFieldBase - f }

func elemFieldOf(field int) int { return elemFieldBase - field }

// recordElemFieldStore records instr, a store of the struct value val
// into an element of a container, if a pointer field of val holds a
// referent not known non-nil at scope at: which fields.
func (w *walker) recordElemFieldStore(instr ssa.Instruction, val ssa.Value, at scope) {
	if _, ok := val.Type().Underlying().(*types.Struct); !ok {
		return
	}
	for _, fv := range w.c.argReferents(val) {
		if fv.field < 0 || w.originOf(fv.v) == nil || w.nilness(at, fv.v) == nonNil || w.derivedNilness(at, fv.v) == nonNil {
			continue
		}
		if w.elemFieldStores == nil {
			w.elemFieldStores = make(map[ssa.Instruction][]int)
		}
		if !slices.Contains(w.elemFieldStores[instr], fv.field) {
			w.elemFieldStores[instr] = append(w.elemFieldStores[instr], fv.field)
		}
	}
}

// elemFieldSummary returns the fields of the struct elements of the
// walked function's slice results that may hold unchecked referents.
func (w *walker) elemFieldSummary() []MaybeNil {
	if len(w.elemFieldStores) == 0 {
		return nil
	}
	results := w.fn.Signature.Results()
	var out []MaybeNil
	for i := 0; i < results.Len(); i++ {
		sl, ok := results.At(i).Type().Underlying().(*types.Slice)
		if !ok {
			continue
		}
		st, ok := sl.Elem().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for f := 0; f < st.NumFields(); f++ {
			if !isPointer(st.Field(f).Type()) {
				continue
			}
			stored := func(instr ssa.Instruction) bool { return slices.Contains(w.elemFieldStores[instr], f) }
			for _, r := range w.returns {
				if w.holdsStored(r.ret.Results[i], stored, make(map[ssa.Value]bool)) {
					out = append(out, MaybeNil{Index: i, Field: ElemField(f), OK: -1, Err: -1})
					break
				}
			}
		}
	}
	return out
}

// holdsStored reports whether the slice v may hold an element stored by
// an instruction for which stored reports true (holdsFrom).
func (w *walker) holdsStored(v ssa.Value, stored func(ssa.Instruction) bool, seen map[ssa.Value]bool) bool {
	return w.holdsFrom(v, func(v ssa.Value) bool {
		refs := v.Referrers()
		if refs == nil {
			return false
		}
		for _, ref := range *refs {
			ia, ok := ref.(*ssa.IndexAddr)
			if !ok || ia.X != v {
				continue
			}
			for _, r := range *ia.Referrers() {
				if st, ok := r.(*ssa.Store); ok && st.Addr == ia && stored(st) {
					return true
				}
			}
		}
		return false
	}, seen)
}

// elemFieldOrigin returns an origin if v reads field f of an element of
// the slice a call returns (j.Target, &jobs[i].Target) and the callee's
// Fact says that field may hold a reclaimed referent.
func (c *checker) elemFieldOrigin(v ssa.Value) *origin {
	if !isPointer(v.Type()) {
		return nil
	}
	// The reads of one field of one element share a representative
	// (fields.go), whichever way they are written: j.Target of j :=
	// jobs[i], jobs[i].Target, or through the range variable's copy.
	var container ssa.Value
	var f int
	if key, ok := c.elemFieldReads[v]; ok {
		container, f = elemRead(key.base), key.field
	} else if load, ok := v.(*ssa.UnOp); ok && load.Op.String() == "*" {
		// jobs[0].Target: the field's address in the element.
		if fa, ok := load.X.(*ssa.FieldAddr); ok {
			if ia, ok := fa.X.(*ssa.IndexAddr); ok {
				container, f = ia.X, fa.Field
			}
		}
	}
	if container == nil {
		return nil
	}
	base := c.canon(container)
	call, index := resultCall(base)
	if call == nil || storedInto(base) {
		return nil
	}
	if _, ok := c.summaryOf(call.Common()).Field(index, ElemField(f)); !ok {
		return nil
	}
	st, ok := elemStruct(base.Type())
	if !ok {
		return nil
	}
	return &origin{call: call, wrapper: true, elem: true, field: st.Field(f).Name()}
}

func elemStruct(t types.Type) (*types.Struct, bool) {
	sl, ok := t.Underlying().(*types.Slice)
	if !ok {
		return nil, false
	}
	st, ok := sl.Elem().Underlying().(*types.Struct)
	return st, ok
}
