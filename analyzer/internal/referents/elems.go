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

// The same holds of the values of a returned map (m[k] = w.Value(); for
// _, v := range f() { v.X }, f()[k].X) and of the values sent on a
// returned channel (ch <- w.Value(); for v := range f() { v.X }); and, in
// one function, of a local map, channel or slice that it fills unchecked
// and reads back (localElemOrigin, localSliceOrigin). A comma-ok lookup or receive says only that a
// value was there, not that it is non-nil.

// Elements is the MaybeNil.Field of the elements of a slice result (the
// values of a map result, those sent on a channel result).
const Elements = -2

// recordElemStore records a store of an unchecked referent, at scope at,
// into an element of an array or slice, a map's value, or a channel.
func (w *walker) recordElemStore(instr ssa.Instruction, at scope) {
	val, ok := storedElem(instr)
	if !ok {
		return
	}
	if !isPointer(val.Type()) {
		w.recordElemFieldStore(instr, val, at) // jobs = append(jobs, Job{Target: h.Get()}) (elemfields.go)
		return
	}
	v := w.c.canon(val)
	if w.originOf(v) == nil || w.nilness(at, v) == nonNil || w.derivedNilness(at, v) == nonNil {
		return
	}
	if w.elemStores == nil {
		w.elemStores = make(map[ssa.Instruction]bool)
	}
	w.elemStores[instr] = true
}

// storedElem returns the value that instr stores into an element of a
// container, and whether it is such a store: xs[i] = v (a Store through an
// IndexAddr), m[k] = v, ch <- v.
func storedElem(instr ssa.Instruction) (ssa.Value, bool) {
	switch instr := instr.(type) {
	case *ssa.Store:
		if _, ok := instr.Addr.(*ssa.IndexAddr); ok {
			return instr.Val, true
		}
	case *ssa.MapUpdate:
		return instr.Value, true
	case *ssa.Send:
		return instr.X, true
	}
	return nil, false
}

// containerOf returns the slice, map or channel that instr, a store found
// by storedElem, stores into.
func containerOf(instr ssa.Instruction) ssa.Value {
	switch instr := instr.(type) {
	case *ssa.Store:
		return instr.Addr.(*ssa.IndexAddr).X
	case *ssa.MapUpdate:
		return instr.Map
	case *ssa.Send:
		return instr.Chan
	}
	return nil
}

// elemType returns the type of the elements of a slice, the values of a
// map or the elements of a channel of type t, and whether t is one.
func elemType(t types.Type) (types.Type, bool) {
	switch t := t.Underlying().(type) {
	case *types.Slice:
		return t.Elem(), true
	case *types.Map:
		return t.Elem(), true
	case *types.Chan:
		return t.Elem(), true
	}
	return nil, false
}

// elemSummary returns the slice, map and channel results of the walked
// function whose elements may be unchecked referents.
func (w *walker) elemSummary() []MaybeNil {
	results := w.fn.Signature.Results()
	var out []MaybeNil
	for i := 0; i < results.Len(); i++ {
		elem, ok := elemType(results.At(i).Type())
		if !ok || !isPointer(elem) {
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
	return append(out, w.elemFieldSummary()...)
}

// holdsUncheckedElem reports whether the container v may hold an element
// that the walk saw stored unchecked, or that a callee's Fact says may be
// a referent: through φs, append, slicing, channel conversions, and the
// stores into the arrays, slices, maps and channels they start from. Each
// value is visited once (seen).
func (w *walker) holdsUncheckedElem(v ssa.Value, seen map[ssa.Value]bool) bool {
	return w.holdsFrom(v, w.uncheckedElemHere, seen)
}

// uncheckedElemHere reports whether the container v itself may hold an
// unchecked referent: stored into it in the walk, sent on it by a
// goroutine of the function, or the result of a call whose Fact says so.
func (w *walker) uncheckedElemHere(v ssa.Value) bool {
	if refs := v.Referrers(); refs != nil && w.storedUnchecked(v, *refs) {
		return true
	}
	switch v := v.(type) {
	case *ssa.MakeChan:
		// ch := make(chan *T); go func() { ch <- s.Peek(l) }(); return ch:
		// a goroutine of the function sends unchecked referents (chans.go).
		_, ok := w.c.sentOn[chanKey{made: v}]
		return ok
	case *ssa.Call:
		if _, ok := v.Call.Value.(*ssa.Builtin); ok {
			return false // append: holdsFrom follows its arguments
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

// holdsFrom reports whether holds is true of the container v or of one it
// is made from: through φs, slicing, channel conversions (chan T as <-chan
// T) and append's arguments. Each value is visited once (seen).
func (w *walker) holdsFrom(v ssa.Value, holds func(ssa.Value) bool, seen map[ssa.Value]bool) bool {
	v = w.c.canon(v)
	if seen[v] {
		return false
	}
	seen[v] = true
	if holds(v) {
		return true
	}
	switch v := v.(type) {
	case *ssa.Phi:
		for _, e := range v.Edges {
			if w.holdsFrom(e, holds, seen) {
				return true
			}
		}
	case *ssa.Slice:
		return w.holdsFrom(v.X, holds, seen)
	case *ssa.ChangeType:
		return w.holdsFrom(v.X, holds, seen)
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" {
			for _, a := range v.Call.Args {
				if w.holdsFrom(a, holds, seen) {
					return true
				}
			}
		}
	}
	return false
}

// storedUnchecked reports whether one of refs, the uses of the container
// v, stores an unchecked referent into it.
func (w *walker) storedUnchecked(v ssa.Value, refs []ssa.Instruction) bool {
	for _, ref := range refs {
		if w.elemStores[ref] && containerOf(ref) == v {
			return true
		}
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

// elemRead returns the container that v reads an element of: xs[i] of a
// slice, m[k] of a map (comma-ok or not), a map's value in a range over
// it, a receive from a channel (comma-ok, in a select, or a range over
// it); nil if v is none of these.
func elemRead(v ssa.Value) ssa.Value {
	switch v := v.(type) {
	case *ssa.UnOp:
		switch v.Op {
		case token.MUL:
			if ia, ok := v.X.(*ssa.IndexAddr); ok {
				return ia.X
			}
		case token.ARROW:
			if !v.CommaOk {
				return v.X
			}
		}
	case *ssa.Lookup:
		if _, ok := v.X.Type().Underlying().(*types.Map); ok && !v.CommaOk {
			return v.X
		}
	case *ssa.Extract:
		switch t := v.Tuple.(type) {
		case *ssa.Lookup:
			if _, ok := t.X.Type().Underlying().(*types.Map); ok && v.Index == 0 {
				return t.X
			}
		case *ssa.UnOp:
			if t.Op == token.ARROW && v.Index == 0 {
				return t.X
			}
		case *ssa.Next:
			if r, ok := t.Iter.(*ssa.Range); ok && !t.IsString && v.Index == 2 {
				return r.X
			}
		case *ssa.Select:
			return receivedFrom(v) // select { case t, ok := <-ch: ... }
		}
	}
	return nil
}

// elemOrigin returns an origin if v reads an element of the slice, map or
// channel that a call returns (for _, a := range f() { ... }, f()[i]) and
// the callee's Fact says its elements may be reclaimed referents.
func (c *checker) elemOrigin(v ssa.Value) *origin {
	if !isPointer(v.Type()) {
		return nil
	}
	container := elemRead(v)
	if container == nil {
		return nil
	}
	base := c.canon(container)
	if ct, ok := base.(*ssa.ChangeType); ok {
		base = c.canon(ct.X)
	}
	call, index := resultCall(base)
	if call == nil || storedInto(base) {
		return nil
	}
	if _, ok := c.summaryOf(call.Common()).Field(index, Elements); !ok {
		return nil
	}
	return &origin{call: call, wrapper: true, elem: true}
}

// localElemOrigin returns an origin if v reads an element of a map or
// channel that this function makes and stores an unchecked referent into
// (docs[id] = r.Doc(i); for _, d := range docs { d.Version }): the origin
// of the stored referent. A store not yet walked (the read's loop may come
// first in the walk's order) is judged by the branches that dominate it.
func (w *walker) localElemOrigin(v ssa.Value) *origin {
	if !isPointer(v.Type()) {
		return nil
	}
	container := elemRead(v)
	if container == nil {
		return nil
	}
	base := w.c.canon(container)
	// An element moved within its container (xs[i], xs[j] = xs[j], xs[i];
	// m[a] = m[b]) is read from the container whose stores are being
	// searched: it adds no origin of its own, the container's other stores
	// decide. Without this the search would recurse without end.
	if w.searching[base] {
		return nil
	}
	if w.searching == nil {
		w.searching = make(map[ssa.Value]bool)
	}
	w.searching[base] = true
	defer delete(w.searching, base)

	switch base.(type) {
	case *ssa.MakeMap, *ssa.MakeChan:
	default:
		if _, ok := base.Type().Underlying().(*types.Slice); ok {
			// One search per slice, however many of its elements
			// are read.
			if o, ok := w.sliceOrigins[base]; ok {
				return o
			}
			o := w.localSliceOrigin(base, make(map[ssa.Value]bool))
			if w.sliceOrigins == nil {
				w.sliceOrigins = make(map[ssa.Value]*origin)
			}
			w.sliceOrigins[base] = o
			return o
		}
		return nil
	}
	for _, ref := range *base.Referrers() {
		val, ok := storedElem(ref)
		if !ok || containerOf(ref) != base {
			continue
		}
		if ref.Parent() != w.fn {
			// A closure reading what its maker ranges over: the store is
			// the maker's, judged by the maker's facts, which this walk
			// does not have (its blocks are not this function's).
			continue
		}
		if w.seen[ref.Block().Index] {
			if !w.elemStores[ref] {
				continue
			}
		} else if !w.uncheckedAt(w.c.canon(val), ref.Block()) {
			continue
		}
		o := w.originOf(w.c.canon(val))
		if o == nil {
			continue
		}
		local := *o
		local.weakRecv = nil // not a re-call of the stored one's Value
		return &local
	}
	return nil
}

// localSliceOrigin returns an origin if the slice s that this function
// builds holds an element that the walk saw stored unchecked (trees =
// append(trees, n.Tree()); trees[i].Hash): the origin of the stored
// referent. It follows s back as holdsUncheckedElem does, through φs,
// append and slicing, each value once (seen); a store not yet walked
// counts for nothing.
func (w *walker) localSliceOrigin(s ssa.Value, seen map[ssa.Value]bool) *origin {
	s = w.c.canon(s)
	if seen[s] {
		return nil
	}
	seen[s] = true
	if refs := s.Referrers(); refs != nil {
		if val := w.uncheckedStoreInto(s, *refs); val != nil {
			if o := w.originOf(w.c.canon(val)); o != nil {
				local := *o
				local.weakRecv = nil // not a re-call of the stored one's Value
				return &local
			}
		}
	}
	switch s := s.(type) {
	case *ssa.Phi:
		for _, e := range s.Edges {
			if o := w.localSliceOrigin(e, seen); o != nil {
				return o
			}
		}
	case *ssa.Slice:
		return w.localSliceOrigin(s.X, seen)
	case *ssa.Call:
		if b, ok := s.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" {
			for _, a := range s.Call.Args {
				if o := w.localSliceOrigin(a, seen); o != nil {
					return o
				}
			}
		}
	}
	return nil
}

// uncheckedStoreInto returns the value that one of refs, the uses of the
// container v, stores unchecked into it, or nil.
func (w *walker) uncheckedStoreInto(v ssa.Value, refs []ssa.Instruction) ssa.Value {
	for _, ref := range refs {
		if _, ok := storedElem(ref); ok && containerOf(ref) == v {
			if val := w.uncheckedElemStore(ref); val != nil {
				return val
			}
		}
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, r := range *ia.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == ssa.Value(ia) {
				if val := w.uncheckedElemStore(st); val != nil {
					return val
				}
			}
		}
	}
	return nil
}

// uncheckedElemStore returns the value that store, an element store of
// this function, stores if it is an unchecked referent: as the walk
// recorded it (recordElemStore), or, for a store not yet walked (the
// filling loop's body may come after the loop that reads in the walk's
// order), as the branches that dominate it judge it.
func (w *walker) uncheckedElemStore(store ssa.Instruction) ssa.Value {
	val, _ := storedElem(store)
	if store.Parent() != w.fn || !isPointer(val.Type()) {
		return nil
	}
	if w.seen[store.Block().Index] {
		if !w.elemStores[store] {
			return nil
		}
	} else if !w.uncheckedAt(w.c.canon(val), store.Block()) {
		return nil
	}
	return val
}

// uncheckedAt reports whether v, a possibly reclaimed referent, is not
// known non-nil by the branches that lead to block b.
func (w *walker) uncheckedAt(v ssa.Value, b *ssa.BasicBlock) bool {
	if w.originOf(v) == nil {
		return false
	}
	at := scope{extra: w.dominatingBranchFacts(b)}
	return w.nilness(at, v) != nonNil && w.derivedNilness(at, v) != nonNil
}

// storedInto reports whether the function stores into an element of the
// container s (xs := f(); xs[0] = p; m[k] = p; ch <- p): its elements are
// then not all the callee's.
func storedInto(s ssa.Value) bool {
	for _, ref := range *s.Referrers() {
		if _, ok := storedElem(ref); ok && containerOf(ref) == s {
			return true
		}
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
// returns nil if the slice is neither a call's result nor one the function
// builds.
func (c *checker) elemRep(load *ssa.UnOp, ia *ssa.IndexAddr) ssa.Value {
	base := c.canon(ia.X)
	switch base.(type) {
	case *ssa.Call, *ssa.Extract:
	case *ssa.Phi, *ssa.MakeSlice, *ssa.Slice:
		// A slice the function builds (localSliceOrigin), if no
		// element of it is stored to where it is read.
		if _, ok := base.Type().Underlying().(*types.Slice); !ok || storedInto(base) {
			return nil
		}
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
