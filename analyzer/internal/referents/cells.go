package referents

import (
	"go/types"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
)

// canon returns the value that v stands for when v reads a variable the
// SSA builder could not keep in a register: a local captured by a closure
// lives in a heap cell, and every use loads it again. A cell stored exactly
// once holds one value, so its loads (in the function or in its closures)
// are that value, and a nil check of one load guards the others.
func (c *checker) canon(v ssa.Value) ssa.Value {
	for i := 0; i < 8; i++ { // nested closures: a few levels at most
		switch x := v.(type) {
		case *ssa.FreeVar:
			b, ok := c.bindings[x]
			if !ok {
				return v
			}
			v = b
		case *ssa.UnOp:
			if x.Op.String() != "*" {
				return v
			}
			if fa, ok := x.X.(*ssa.FieldAddr); ok {
				// p.f of a local struct variable p, or of any struct
				// just stored to (sub.sess = st.Session(); sub.sess.Token).
				rep := c.canonField(x, fa.X, fa.Field, true)
				if _, local := fa.X.(*ssa.Alloc); !local {
					rep = c.heapFieldStore(x, fa)
					if rep == nil {
						// r := resolve(p); r.backend: a field of a
						// call's pointer result, which its fact may
						// describe (one representative read).
						switch base := c.canon(fa.X).(type) {
						case *ssa.Call, *ssa.Extract:
							rep = c.structField(x, base, fa.Field)
						}
					}
				}
				if rep == nil {
					rep = c.storedFieldRep(x) // r.focus, read again
				}
				if rep == nil || rep == ssa.Value(x) {
					return v
				}
				v = rep
				continue
			}
			if ia, ok := x.X.(*ssa.IndexAddr); ok {
				// xs[0] of a call's slice result: one representative.
				rep := c.elemRep(x, ia)
				if rep == nil || rep == ssa.Value(x) {
					return v
				}
				v = rep
				continue
			}
			stored := c.cellValue(x.X)
			if stored == nil {
				stored = reachingStore(x)
			}
			if stored == nil {
				// var j *Job; r.Load(id, &j): what Load stored.
				if call, alloc := c.outLoad(x); call != nil {
					if rep := c.outRep(alloc, call); rep != nil && rep != ssa.Value(x) {
						v = rep
						continue
					}
				}
				return v
			}
			v = stored
		case *ssa.Field:
			// s.f of a struct value.
			rep := c.canonField(x, x.X, x.Field, false)
			if rep == nil {
				rep = c.storedFieldRep(x) // c.Tile, read again
			}
			if rep == nil || rep == ssa.Value(x) {
				return v
			}
			v = rep
		case *ssa.ChangeType:
			// P(p) for a pointer type parameter P, or a named pointer
			// type: the same pointer (convert.go).
			y := pointerConversion(x)
			if y == nil {
				return v
			}
			v = y
		case *ssa.TypeAssert:
			// x.(*T) of an interface made from a *T: the same pointer,
			// nil included (a typed nil matches case *T).
			y := sameTypeAssertion(x)
			if y == nil {
				return v
			}
			v = y
		case *ssa.Extract:
			ta, ok := x.Tuple.(*ssa.TypeAssert)
			if !ok || x.Index != 0 {
				return v
			}
			y := sameTypeAssertion(ta)
			if y == nil {
				return v
			}
			v = y
		default:
			return v
		}
	}
	return v
}

// cellValue returns the single value ever stored in the variable cell addr,
// or nil if addr is not such a cell (stored more than once, or its address
// escapes to code that might store through it).
func (c *checker) cellValue(addr ssa.Value) ssa.Value {
	for {
		fv, ok := addr.(*ssa.FreeVar)
		if !ok {
			break
		}
		b, ok := c.bindings[fv]
		if !ok {
			return nil
		}
		addr = b
	}
	alloc, ok := addr.(*ssa.Alloc)
	if !ok {
		return nil
	}
	if v, ok := c.cells[alloc]; ok {
		return v
	}
	var stores []*ssa.Store
	if !onlyLoadsAndStores(alloc, &stores) || len(stores) != 1 || !c.precedesReads(stores[0], alloc) {
		c.cells[alloc] = nil
		return nil
	}
	c.cells[alloc] = stores[0].Val
	return stores[0].Val
}

// onlyLoadsAndStores reports whether every use of the cell v (in its
// function and in the closures it is bound to) loads from it or stores to
// it, collecting the stores.
func onlyLoadsAndStores(v ssa.Value, stores *[]*ssa.Store) bool {
	for _, ref := range *v.Referrers() {
		switch ref := ref.(type) {
		case *ssa.UnOp:
			if ref.Op.String() != "*" {
				return false
			}
		case *ssa.Store:
			if ref.Addr != v || ref.Val == v {
				return false
			}
			if load, ok := ref.Val.(*ssa.UnOp); ok && load.X == v {
				continue // *v = *v: a named result stored back by return
			}
			*stores = append(*stores, ref)
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			fn, ok := ref.Fn.(*ssa.Function)
			if !ok {
				return false
			}
			for i, b := range ref.Bindings {
				if b == v && !onlyLoadsAndStores(fn.FreeVars[i], stores) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// reachingStore returns the value that the load reads from a local variable
// stored more than once (a result slot, when the function defers calls): the
// last store before the load in its block or in the chain of single
// predecessors above it. The variable must not escape, so that no call in
// between (not even a deferred closure) can store to it: closures may
// capture it only to read it, as in
//
//	func ship() (err error) { defer func() { if err != nil { rollback() } }(); o, err := get(); if err != nil { ... } }
func reachingStore(load *ssa.UnOp) ssa.Value {
	alloc, ok := load.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	switch {
	case onlyStoredHere(alloc):
		return storeBefore(alloc, load)
	case storedWhenDeferred(alloc):
		// func redo() (err error) { p, err := pool(); if err != nil
		// { return }; defer func() { if err == nil { err = p.Flush() } }() }:
		// the deferred closure stores err only when the function ends,
		// after every load in its body but those past the deferred
		// calls' run.
		return storeBeforeDefers(alloc, load)
	}
	return nil
}

// storedWhenDeferred reports whether the cell v is loaded and stored by
// its own function, and captured otherwise only by closures that are
// deferred once (deferredOnce): they may store to it, but only when the
// function returns or panics.
func storedWhenDeferred(v ssa.Value) bool {
	for _, ref := range *v.Referrers() {
		switch ref := ref.(type) {
		case *ssa.UnOp:
			if ref.Op.String() != "*" {
				return false
			}
		case *ssa.DebugRef:
		case *ssa.Store:
			if ref.Addr != v || ref.Val == v {
				return false
			}
		case *ssa.MakeClosure:
			if deferredOnce(ref) == nil {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// storeBefore returns the value of the last store to alloc before at, in
// its block or the chain of single predecessors above it, or nil.
func storeBefore(alloc *ssa.Alloc, at ssa.Instruction) ssa.Value {
	return scanStoreBefore(alloc, at, false)
}

// storeBeforeDefers is storeBefore for a cell that deferred closures may
// store to: a load past the deferred calls' run (a result read for the
// return) sees no store of the body.
func storeBeforeDefers(alloc *ssa.Alloc, at ssa.Instruction) ssa.Value {
	return scanStoreBefore(alloc, at, true)
}

func scanStoreBefore(alloc *ssa.Alloc, at ssa.Instruction, stopAtDefers bool) ssa.Value {
	b := at.Block()
	i := slices.Index(b.Instrs, at)
	for steps := 0; steps < 32 && i >= 0; steps++ {
		for i--; i >= 0; i-- {
			if _, ok := b.Instrs[i].(*ssa.RunDefers); ok && stopAtDefers {
				return nil
			}
			if st, ok := b.Instrs[i].(*ssa.Store); ok && st.Addr == ssa.Value(alloc) {
				return st.Val
			}
		}
		if len(b.Preds) != 1 {
			return nil
		}
		b = b.Preds[0]
		i = len(b.Instrs)
	}
	return nil
}

// sameTypeAssertion returns y if ta asserts MakeInterface(y) to y's own type.
func sameTypeAssertion(ta *ssa.TypeAssert) ssa.Value {
	mi, ok := ta.X.(*ssa.MakeInterface)
	if !ok || !types.Identical(mi.X.Type(), ta.AssertedType) {
		return nil
	}
	return mi.X
}

// onlyStoredHere reports whether the cell v is loaded and stored only by
// its own function (a named result, a local variable), and read, not
// stored, by the closures that capture it.
func onlyStoredHere(v ssa.Value) bool { return cellUsedOnly(v, true) }

// onlyRead reports whether the captured cell v is only loaded, by its
// closure and the closures nested in it.
func onlyRead(v ssa.Value) bool { return cellUsedOnly(v, false) }

// cellUsedOnly reports whether the cell v is only loaded (and, if stores,
// stored to, but never stored itself) here, and only loaded by the
// closures that capture it and the closures nested in those.
func cellUsedOnly(v ssa.Value, stores bool) bool {
	for _, ref := range *v.Referrers() {
		switch ref := ref.(type) {
		case *ssa.UnOp:
			if ref.Op.String() != "*" {
				return false
			}
		case *ssa.DebugRef:
		case *ssa.Store:
			if !stores || ref.Addr != v || ref.Val == v {
				return false // the variable's address is stored: it escapes
			}
		case *ssa.MakeClosure:
			fn, ok := ref.Fn.(*ssa.Function)
			if !ok {
				return false
			}
			for i, b := range ref.Bindings {
				if b == v && (i >= len(fn.FreeVars) || !onlyRead(fn.FreeVars[i])) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// heapFieldStore returns the value that load, a read of field fa.Field of
// the struct fa.X points to, sees when the same field of the same pointer
// was stored just before, in its block or the chain of single predecessors
// above it, with no call in between (which might store to it) and no store
// that might alias it (the same field through another pointer, or the
// whole struct); nil otherwise. Another goroutine may store in between:
// like the rest of the analysis, this assumes the function's own order.
func (c *checker) heapFieldStore(load *ssa.UnOp, fa *ssa.FieldAddr) ssa.Value {
	// (Memoized: canon asks again for every check and use of the read,
	// and the scan is bounded, so each read costs constant work.)
	if v, ok := c.heapFields[load]; ok {
		return v
	}
	v := c.scanHeapFieldStore(load, fa)
	c.heapFields[load] = v
	return v
}

func (c *checker) scanHeapFieldStore(load *ssa.UnOp, fa *ssa.FieldAddr) ssa.Value {
	b := load.Block()
	if b == nil {
		return nil
	}
	structPtr := fa.X.Type()
	i := c.instrIndex(load)
	for budget := maxReachingScan; i >= 0; {
		for i--; i >= 0; i-- {
			if budget--; budget < 0 {
				return nil
			}
			switch instr := b.Instrs[i].(type) {
			case *ssa.Call, *ssa.Go:
				return nil
			case *ssa.Store:
				if other, ok := instr.Addr.(*ssa.FieldAddr); ok {
					if other.Field != fa.Field || !types.Identical(other.X.Type(), structPtr) {
						continue // another field: no alias
					}
					if other.X == fa.X {
						return instr.Val
					}
					return nil // the same field, maybe of the same struct
				}
				if types.Identical(instr.Addr.Type(), structPtr) {
					return nil // *p = T{...}: maybe the same struct
				}
			}
		}
		if len(b.Preds) != 1 {
			return nil
		}
		b = b.Preds[0]
		i = len(b.Instrs)
	}
	return nil
}

// precedesReads reports whether st, the only store to the cell alloc,
// comes before every read of it in its function (a load, or a closure
// capturing it): before its first store a cell holds the zero value, as a
// named result does (func f() (best *T) { ... if best == nil || ... { best = v } }).
func (c *checker) precedesReads(st *ssa.Store, alloc *ssa.Alloc) bool {
	for _, ref := range *alloc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.MakeClosure:
			if deferred(ref) {
				continue // it reads the cell when the function ends
			}
			if !c.before(st, ref) {
				return false
			}
		case *ssa.UnOp:
			if ref.Block() == ref.Parent().Recover {
				continue // a result read after a recovered panic
			}
			if !c.before(st, ref) {
				return false
			}
		}
	}
	return true
}

// before reports whether instruction a comes before b on every path: a's
// block dominates b's, and within one block a is earlier.
func (c *checker) before(a, b ssa.Instruction) bool {
	if a.Block() != b.Block() {
		return a.Block().Dominates(b.Block())
	}
	return c.instrIndex(a) < c.instrIndex(b)
}
