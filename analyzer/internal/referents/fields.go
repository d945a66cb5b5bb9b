package referents

import (
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Referents kept in struct fields: a local struct variable's field
// (p := pair{sym: w.Value()}; p.sym.name) and a field of a struct returned
// by a call (e := lookup(k); e.sym.name), whose callee's Fact describes the
// field (MaybeNil.Field).
//
// Every read of such a field is a different SSA value (a load through a
// new FieldAddr, or a Field of the struct value); nil checks are facts about
// values, so the reads of one field of one struct are mapped to one
// representative: the stored value itself for a local variable whose field
// is stored once, or the first read seen of a call result's field.

// fieldKey names field f of a struct: a local variable (an Alloc) or the
// result of a call (a Call or an Extract).
type fieldKey struct {
	base  ssa.Value
	field int
}

// fieldOfCall is what a representative read of a call result's field reads.
type fieldOfCall struct {
	result ssa.Value // the call, or an Extract of it, or a parameter
	field  int
}

// canonField returns what the read v of field f of the struct value or
// variable base stands for, or nil.
func (c *checker) canonField(v, base ssa.Value, f int, addr bool) ssa.Value {
	if addr {
		alloc, ok := base.(*ssa.Alloc)
		if !ok {
			return nil
		}
		at, _ := v.(ssa.Instruction)
		return c.allocField(v, alloc, f, at)
	}
	return c.structField(v, c.canon(base), f)
}

// structField returns field f of the struct value s, read by v.
func (c *checker) structField(v, s ssa.Value, f int) ssa.Value {
	switch s := s.(type) {
	case *ssa.UnOp:
		if alloc, ok := s.X.(*ssa.Alloc); ok && s.Op.String() == "*" {
			return c.allocField(v, alloc, f, s)
		}
		if _, ok := s.X.(*ssa.IndexAddr); ok && s.Op.String() == "*" && v != nil {
			// j.Target of an element j := jobs[i], read twice: one
			// value (an SSA struct value does not change), so that a
			// nil check of one read guards the other (elemfields.go).
			key := fieldKey{s, f}
			if rep, ok := c.fieldReps[key]; ok {
				return rep
			}
			c.fieldReps[key] = v
			if c.elemFieldReads == nil {
				c.elemFieldReads = make(map[ssa.Value]fieldKey)
			}
			c.elemFieldReads[v] = key
			return v
		}
	case *ssa.Call, *ssa.Extract, *ssa.Parameter:
		// (A struct parameter: a range-over-func body's yielded
		// value, hit.Parent; its fields never change either.)
		key := fieldKey{s, f}
		if rep, ok := c.fieldReps[key]; ok || v == nil {
			return rep
		}
		c.fieldReps[key] = v
		c.fieldCalls[v] = fieldOfCall{s, f}
		return v
	}
	return nil
}

// allocField returns the value of field f of the local struct variable
// alloc, read by v at instruction at: the only value ever stored in it,
// directly or by storing the whole struct, or, if it is stored more than
// once, the store that reaches at (reachingFieldStore); nil if the variable
// escapes (its address or a field's address goes anywhere but loads and
// stores) or no single store is known to reach the read.
func (c *checker) allocField(v ssa.Value, alloc *ssa.Alloc, f int, at ssa.Instruction) ssa.Value {
	st := c.fieldStoresOf(alloc, f)
	if st.n == 0 {
		return nil
	}
	stored, whole := st.stored, st.whole
	if st.n > 1 {
		// copy := *d; copy.m = w.Value(); copy.m.x = 1: the struct is
		// stored whole, then the field; the read sees the last store.
		if stored, whole = c.reachingFieldStore(alloc, f, at); stored == nil {
			return nil
		}
	}
	if !whole {
		return stored
	}
	return c.structField(v, c.canon(stored), f)
}

// fieldStores summarizes the stores into field f of a local struct
// variable: how many there are (of the field, or of the whole struct), and
// the last one seen; n is 0 if the variable escapes.
type fieldStores struct {
	n      int
	stored ssa.Value // a value of the field, or a whole struct
	whole  bool
}

// fieldStoresOf returns the stores into field f of alloc, computed once per
// variable and field (every read of the field asks).
func (c *checker) fieldStoresOf(alloc *ssa.Alloc, f int) fieldStores {
	key := fieldKey{alloc, f}
	if st, ok := c.allocStores[key]; ok {
		return st
	}
	st := scanFieldStores(alloc, f)
	c.allocStores[key] = st
	return st
}

func scanFieldStores(alloc *ssa.Alloc, f int) fieldStores {
	if _, ok := alloc.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Struct); !ok {
		return fieldStores{}
	}
	var st fieldStores
	for _, ref := range *alloc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if ref.Op.String() != "*" {
				return fieldStores{}
			}
		case *ssa.Store:
			if ref.Addr != ssa.Value(alloc) {
				return fieldStores{} // the variable's address is stored
			}
			st.stored, st.whole = ref.Val, true
			st.n++
		case *ssa.FieldAddr:
			for _, r := range *ref.Referrers() {
				switch r := r.(type) {
				case *ssa.DebugRef:
				case *ssa.UnOp:
					if r.Op.String() != "*" {
						return fieldStores{}
					}
				case *ssa.Store:
					if r.Addr != ssa.Value(ref) {
						return fieldStores{}
					}
					if ref.Field == f {
						st.stored, st.whole = r.Val, false
						st.n++
					}
				default:
					return fieldStores{} // &p.f escapes
				}
			}
		default:
			return fieldStores{}
		}
	}
	return st
}

// maxReachingScan bounds the instructions reachingFieldStore looks at per
// read, so that reads stay constant-time in long blocks.
const maxReachingScan = 256

// reachingFieldStore returns the value of field f of the variable alloc
// that the read at sees: the last store before it of the field, or of the
// whole struct (whole), in its block or the chain of single predecessors
// above it; nil if none is found within maxReachingScan instructions or a
// block with several predecessors comes first. The caller has checked that
// the variable does not escape, so no call in between can store to it.
func (c *checker) reachingFieldStore(alloc *ssa.Alloc, f int, at ssa.Instruction) (stored ssa.Value, whole bool) {
	if at == nil || at.Block() == nil {
		return nil, false
	}
	b := at.Block()
	i := c.instrIndex(at)
	for budget := maxReachingScan; i >= 0; {
		for i--; i >= 0; i-- {
			if budget--; budget < 0 {
				return nil, false
			}
			st, ok := b.Instrs[i].(*ssa.Store)
			if !ok {
				continue
			}
			if st.Addr == ssa.Value(alloc) {
				return st.Val, true
			}
			if fa, ok := st.Addr.(*ssa.FieldAddr); ok && fa.X == ssa.Value(alloc) && fa.Field == f {
				return st.Val, false
			}
		}
		if len(b.Preds) != 1 {
			return nil, false
		}
		b = b.Preds[0]
		i = len(b.Instrs)
	}
	return nil, false
}

// instrIndex returns the position of instr in its block, indexing each
// block once.
func (c *checker) instrIndex(instr ssa.Instruction) int {
	b := instr.Block()
	idx, ok := c.blockIndex[b]
	if !ok {
		idx = make(map[ssa.Instruction]int, len(b.Instrs))
		for i, in := range b.Instrs {
			idx[in] = i
		}
		c.blockIndex[b] = idx
	}
	if i, ok := idx[instr]; ok {
		return i
	}
	return -1
}

// fieldOrigin returns the origin of v if it is the representative read of a
// call result's field that the callee's fact describes, or of a parameter's
// field that a callback hands a referent in (callbacks.go).
func (c *checker) fieldOrigin(v ssa.Value) *origin {
	fc, ok := c.fieldCalls[v]
	if !ok {
		return nil
	}
	if p, ok := fc.result.(*ssa.Parameter); ok {
		return c.paramFieldOrigin(p, fc.field) // hit.Parent, yielded unchecked
	}
	return c.callFieldOrigin(fc.result, fc.field)
}

// callFieldOrigin returns an origin if field f of result, a call or an
// Extract of one, may be a reclaimed referent.
func (c *checker) callFieldOrigin(result ssa.Value, f int) *origin {
	call, index := resultCall(result)
	if call == nil {
		return nil
	}
	if sum := c.summaryOf(call.Common()); sum != nil {
		if _, ok := sum.Field(index, f); ok {
			name := ""
			if st := structOf(result.Type()); st != nil && f < st.NumFields() {
				name = st.Field(f).Name()
			}
			return &origin{call: call, wrapper: true, field: name}
		}
	}
	return nil
}

// resultCall returns the call that result is, or whose result index it
// extracts, or nil.
func resultCall(result ssa.Value) (call *ssa.Call, index int) {
	switch r := result.(type) {
	case *ssa.Call:
		return r, 0
	case *ssa.Extract:
		call, _ = r.Tuple.(*ssa.Call)
		return call, r.Index
	}
	return nil, 0
}

// fieldsOf returns, for each pointer field of the struct value s, what it
// holds: the values a summary looks at for results of struct type.
func (c *checker) fieldsOf(s ssa.Value) map[int]ssa.Value {
	st, ok := s.Type().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	out := make(map[int]ssa.Value)
	for f := 0; f < st.NumFields(); f++ {
		if !isPointer(st.Field(f).Type()) {
			continue
		}
		if v := c.structField(nil, s, f); v != nil {
			out[f] = c.canon(v)
		}
	}
	return out
}

// structOf returns the struct type of a struct result or of a pointer to a
// struct result (whose fields the summaries describe alike), or nil.
func structOf(t types.Type) *types.Struct {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, _ := t.Underlying().(*types.Struct)
	return st
}

// newStructFields returns what the pointer fields of a struct allocated by
// the function (&route{backend: b}) are set to, when each is stored once.
func newStructFields(alloc *ssa.Alloc) map[int]ssa.Value {
	out := make(map[int]ssa.Value)
	stores := make(map[int]int)
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || !isPointer(fa.Type().(*types.Pointer).Elem()) {
			continue
		}
		for _, r := range *fa.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == ssa.Value(fa) {
				out[fa.Field] = st.Val
				stores[fa.Field]++
			}
		}
	}
	for f, n := range stores {
		if n != 1 {
			delete(out, f)
		}
	}
	return out
}
