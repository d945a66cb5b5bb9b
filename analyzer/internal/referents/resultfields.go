package referents

import (
	"go/constant"
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Struct results that carry their own guard. A function may return a
// struct whose pointer field is nil because a referent is gone, with an
// error (or an ok) field of the same struct saying so:
//
//	func (s *Server) lookup(k string) lookupResult {
//		img := s.cache.Peek(k)
//		if img == nil { return lookupResult{Err: errEvicted} } // Img left nil
//		return lookupResult{Img: img}
//	}
//
// The field is described in the Fact (MaybeNil.Field) with, in OK and Err,
// the bool or error field of the same struct that is false or non-nil
// wherever it may be nil, and the error's keys. A caller's check of
// res.Err (res.Err != nil, errors.Is(res.Err, errEvicted)) then guards
// res.Img as the error result of a call guards its pointer result.

// goneFields adds to maybe the pointer fields of struct result i that a
// return leaves nil because a referent is gone (nilWhenGone): set to nil,
// or left out of the struct literal.
func (w *walker) goneFields(i int, st *types.Struct, maybe map[int]bool) {
	for _, r := range w.returns {
		s := w.c.canon(r.ret.Results[i])
		if w.errorResultSet(r, i) {
			continue // return Snapshot{}, err (okfields.go)
		}
		for f := 0; f < st.NumFields(); f++ {
			if maybe[f] || !isPointer(st.Field(f).Type()) {
				continue
			}
			if v := w.c.resultFieldValue(s, f); v != nil && w.nilWhenGone(r, w.c.canon(v)) {
				maybe[f] = true
			}
		}
	}
}

// fieldGuards sets m.OK and m.Err (m describing a field of a struct
// result) to a bool field of the same struct that is false, and an error
// field that is non-nil, at every return where the field may be nil:
// holding an unchecked referent, or nil because one is gone. Returns
// where the field is not known leave no guard.
func (w *walker) fieldGuards(m *MaybeNil, st *types.Struct) {
	var okCands, errCands []int
	for f := 0; f < st.NumFields(); f++ {
		switch t := st.Field(f).Type(); {
		case isBool(t):
			okCands = append(okCands, f)
		case isErrorType(t):
			errCands = append(errCands, f)
		}
	}
	if okCands == nil && errCands == nil {
		return
	}
	sentinels := make(map[int][][]string)
	notSentinel := make(map[int]bool)
	for _, r := range w.returns {
		s := w.c.canon(r.ret.Results[m.Index])
		if isNilConst(s) {
			continue // return nil of a pointer result: no fields
		}
		if fwd, forwarded := w.c.forwardedField(s, m.Field); forwarded {
			// return r.find(id): the callee's guards, where it
			// describes the field (okfields.go).
			if fwd.Field >= 0 {
				okCands = filter(okCands, func(f int) bool { return f == fwd.OK })
				errCands = filter(errCands, func(f int) bool { return f == fwd.Err })
				notSentinel[fwd.Err] = notSentinel[fwd.Err] || fwd.Sentinels == nil
				sentinels[fwd.Err] = joinGroups(sentinels[fwd.Err], fwd.Sentinels)
			}
			continue
		}
		v := w.c.resultFieldValue(s, m.Field)
		if v == nil {
			return
		}
		v = w.c.canon(v)
		unchecked := w.originOf(v) != nil && w.nilness(r.facts, v) != nonNil
		if !unchecked && !w.nilWhenGone(r, v) {
			continue
		}
		okCands = filter(okCands, func(f int) bool {
			ok := w.c.resultFieldValue(s, f)
			return ok != nil && w.impliesNonNil(ok, v)
		})
		errCands = filter(errCands, func(f int) bool {
			e := w.c.resultFieldValue(s, f)
			if e == nil {
				return false
			}
			if e = w.c.canon(e); !surelyNonNilError(e, 0) && w.nilness(r.facts, e) != nonNil {
				return false
			}
			if keys := w.c.errKeys(e, 0); keys != nil {
				sentinels[f] = joinGroups(sentinels[f], [][]string{keys})
			} else {
				notSentinel[f] = true
			}
			return true
		})
	}
	if len(okCands) > 0 {
		m.OK = okCands[0]
	}
	if len(errCands) > 0 {
		m.Err = errCands[0]
		if !notSentinel[m.Err] {
			m.Sentinels = sentinels[m.Err]
		}
	}
}

// resultFieldValue returns what field f of s holds, s being a struct
// value or a pointer to a struct made by the function: the value stored,
// or the zero value of a field the struct literal leaves out; nil if not
// known.
func (c *checker) resultFieldValue(s ssa.Value, f int) ssa.Value {
	var alloc *ssa.Alloc
	switch s := s.(type) {
	case *ssa.Alloc:
		alloc = s // return &result{...}
	case *ssa.UnOp:
		if v := c.structField(nil, s, f); v != nil {
			return v
		}
		alloc, _ = s.X.(*ssa.Alloc)
	case *ssa.Const:
		return zeroField(s, f) // return lookup{}
	default:
		return c.structField(nil, s, f)
	}
	if alloc == nil {
		return nil
	}
	stored, n, ok := allocFieldStores(alloc, f)
	switch {
	case !ok || n > 1:
		return nil
	case n == 1:
		return stored
	}
	st := structOf(alloc.Type())
	if st == nil || f >= st.NumFields() {
		return nil
	}
	return zeroConst(st.Field(f).Type())
}

// allocFieldStores returns the value stored in field f of the struct
// alloc and how many stores there are, if alloc is only read, returned,
// and written field by field (ok).
func allocFieldStores(alloc *ssa.Alloc, f int) (stored ssa.Value, n int, ok bool) {
	for _, ref := range *alloc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.DebugRef, *ssa.Return:
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return nil, 0, false
			}
		case *ssa.FieldAddr:
			for _, r := range *ref.Referrers() {
				switch r := r.(type) {
				case *ssa.DebugRef:
				case *ssa.UnOp:
					if r.Op != token.MUL {
						return nil, 0, false
					}
				case *ssa.Store:
					if r.Addr != ssa.Value(ref) {
						return nil, 0, false
					}
					if ref.Field == f {
						stored = r.Val
						n++
					}
				default:
					return nil, 0, false
				}
			}
		default:
			return nil, 0, false // stored whole, or its address escapes
		}
	}
	return stored, n, true
}

// zeroConst returns the zero value of a pointer, error or bool field.
func zeroConst(t types.Type) ssa.Value {
	switch {
	case isBool(t):
		return ssa.NewConst(constant.MakeBool(false), t)
	case isPointer(t) || isErrorType(t):
		return ssa.NewConst(nil, t)
	}
	return nil
}

// fieldRep returns the representative read of field f of base, a call's
// struct result (or pointer to one), registering the first read of it if
// none was canonicalized yet: a read of the result, or of the variable it
// is stored in (res := lookup(k); res.Img); nil if none is found.
func (c *checker) fieldRep(base ssa.Value, f int) ssa.Value {
	key := fieldKey{base, f}
	if rep := c.fieldReps[key]; rep != nil {
		return rep
	}
	isRep := func(v ssa.Value) bool {
		return c.canon(v) == v && c.fieldCalls[v] == fieldOfCall{base, f}
	}
	for _, ref := range *base.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Field:
			if ref.X == base && ref.Field == f && isRep(ref) {
				return ref
			}
		case *ssa.FieldAddr:
			if ref.X == base && ref.Field == f {
				if load := fieldLoad(ref); load != nil && isRep(load) {
					return load
				}
			}
		case *ssa.Store:
			// res := lookup(k) kept in a variable: its field reads.
			alloc, ok := ref.Addr.(*ssa.Alloc)
			if !ok || ref.Val != base {
				continue
			}
			for _, r := range *alloc.Referrers() {
				if fa, ok := r.(*ssa.FieldAddr); ok && fa.Field == f {
					if load := fieldLoad(fa); load != nil {
						c.canon(load)
						if rep := c.fieldReps[key]; rep != nil {
							return rep
						}
					}
				}
			}
		}
	}
	return nil
}

// fieldLoad returns a load through the field address fa, or nil.
func fieldLoad(fa *ssa.FieldAddr) *ssa.UnOp {
	for _, r := range *fa.Referrers() {
		if load, ok := r.(*ssa.UnOp); ok && load.Op == token.MUL {
			return load
		}
	}
	return nil
}

// guardedFields returns the representative reads of the fields of g's
// struct that the callee's fact says are non-nil when g, a read of its
// bool or error field, is true or nil: the fields whose OK (isOK) or Err
// is g's field, among those keep accepts.
func (c *checker) guardedFields(g fieldOfCall, isOK bool, keep func(MaybeNil) bool) []ssa.Value {
	call, index := resultCall(g.result)
	if call == nil {
		return nil
	}
	sum := c.summaryOf(call.Common())
	if sum == nil {
		return nil
	}
	var out []ssa.Value
	for _, r := range sum.Results {
		guard := r.Err
		if isOK {
			guard = r.OK
		}
		if r.Index != index || r.Field < 0 || guard != g.field || !keep(r) {
			continue
		}
		if rep := c.fieldRep(g.result, r.Field); rep != nil {
			out = append(out, rep)
		}
	}
	return out
}

// fieldOKPartners returns the fields that v, a read of a call result's bool
// field, guards: non-nil when v is true.
func (c *checker) fieldOKPartners(v ssa.Value) []ssa.Value {
	g, ok := c.fieldCalls[v]
	if !ok {
		return nil
	}
	return c.guardedFields(g, true, func(MaybeNil) bool { return true })
}
