package referents

import (
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Referents collected into a returned slice. A function may gather
// referents without checking them and return the slice:
//
//	func Atlases(sprites []Sprite) []*Atlas {
//		var out []*Atlas
//		for _, s := range sprites { out = append(out, s.Region.Atlas()) }
//		return out
//	}
//	for _, a := range Atlases(sprites) { a.Tex } // a may be nil
//
// The Fact describes such a result with Field Elements; an element read
// from the slice a call returns (a range over it, xs[i]) is then possibly
// reclaimed, and a nil check of what was read guards it. Elements come
// from the stores the walk sees into a slice's backing array (append's
// arguments, a slice literal, out[i] = v), judged where they are stored:
// liveOf's `if v != nil { out = append(out, v) }` stores only checked ones.

// Elements is the MaybeNil.Field of the elements of a slice result.
const Elements = -2

// recordElemStore records a store of an unchecked referent, at scope at,
// into an element of an array or slice.
func (w *walker) recordElemStore(st *ssa.Store, at scope) {
	if _, ok := st.Addr.(*ssa.IndexAddr); !ok || !isPointer(st.Val.Type()) {
		return
	}
	v := w.c.canon(st.Val)
	if w.originOf(v) == nil || w.nilness(at, v) == nonNil || w.derivedNilness(at, v) == nonNil {
		return
	}
	if w.elemStores == nil {
		w.elemStores = make(map[*ssa.Store]bool)
	}
	w.elemStores[st] = true
}

// elemSummary returns the slice results of the walked function whose
// elements may be unchecked referents.
func (w *walker) elemSummary() []MaybeNil {
	results := w.fn.Signature.Results()
	var out []MaybeNil
	for i := 0; i < results.Len(); i++ {
		s, ok := results.At(i).Type().Underlying().(*types.Slice)
		if !ok || !isPointer(s.Elem()) {
			continue
		}
		seen := make(map[ssa.Value]bool)
		for _, r := range w.returns {
			if w.holdsUncheckedElem(r.ret.Results[i], seen) {
				out = append(out, MaybeNil{Index: i, Field: Elements, OK: -1, Err: -1})
				break
			}
		}
	}
	return out
}

// holdsUncheckedElem reports whether the slice v may hold an element that
// the walk saw stored unchecked, or that a callee's Fact says may be a
// referent: through φs, append, slicing, and the stores into the arrays
// and slices they start from. Each value is visited once (seen).
func (w *walker) holdsUncheckedElem(v ssa.Value, seen map[ssa.Value]bool) bool {
	v = w.c.canon(v)
	if seen[v] {
		return false
	}
	seen[v] = true
	if refs := v.Referrers(); refs != nil && w.storedUnchecked(*refs) {
		return true
	}
	switch v := v.(type) {
	case *ssa.Phi:
		for _, e := range v.Edges {
			if w.holdsUncheckedElem(e, seen) {
				return true
			}
		}
	case *ssa.Slice:
		return w.holdsUncheckedElem(v.X, seen)
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok {
			if b.Name() != "append" {
				return false
			}
			for _, a := range v.Call.Args {
				if w.holdsUncheckedElem(a, seen) {
					return true
				}
			}
			return false
		}
		_, ok := w.c.summaryOf(v.Common()).Field(0, Elements)
		return ok // return liveOf(xs): the callee's elements
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			_, ok := w.c.summaryOf(call.Common()).Field(v.Index, Elements)
			return ok
		}
	}
	return false
}

// storedUnchecked reports whether one of refs, the uses of an array or
// slice, is an element address that an unchecked referent is stored to.
func (w *walker) storedUnchecked(refs []ssa.Instruction) bool {
	for _, ref := range refs {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, r := range *ia.Referrers() {
			if st, ok := r.(*ssa.Store); ok && w.elemStores[st] {
				return true
			}
		}
	}
	return false
}

// elemOrigin returns an origin if v reads an element of the slice that a
// call returns (for _, a := range f() { ... }, f()[i]) and the callee's
// Fact says its elements may be reclaimed referents.
func (c *checker) elemOrigin(v ssa.Value) *origin {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	ia, ok := load.X.(*ssa.IndexAddr)
	if !ok {
		return nil
	}
	base := c.canon(ia.X)
	call, index := resultCall(base)
	if call == nil || storedInto(base) {
		return nil
	}
	if _, ok := c.summaryOf(call.Common()).Field(index, Elements); !ok {
		return nil
	}
	return &origin{call: call, wrapper: true, elem: true}
}

// storedInto reports whether the function stores into an element of the
// slice s (xs := f(); xs[0] = p): its elements are then not all the
// callee's.
func storedInto(s ssa.Value) bool {
	for _, ref := range *s.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, r := range *ia.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == ssa.Value(ia) {
				return true
			}
		}
	}
	return false
}

// An elemKey names the element of a call's slice result at one index: the
// same SSA value, or equal constants.
type elemKey struct {
	base  ssa.Value
	index any // an ssa.Value, or a constant's exact string
}

// elemRep returns the representative read of the element that load reads
// through ia from a call's slice result: the first read of the same
// element seen, so that a nil check of xs[0] guards a later xs[0].X. It
// returns nil if the slice is not a call's result.
func (c *checker) elemRep(load *ssa.UnOp, ia *ssa.IndexAddr) ssa.Value {
	base := c.canon(ia.X)
	switch base.(type) {
	case *ssa.Call, *ssa.Extract:
	default:
		return nil
	}
	key := elemKey{base, ia.Index}
	if k, ok := ia.Index.(*ssa.Const); ok && k.Value != nil {
		key.index = k.Value.ExactString()
	}
	if rep, ok := c.elemReps[key]; ok {
		return rep
	}
	c.elemReps[key] = load
	return load
}
