package weakderef

import "golang.org/x/tools/go/ssa"

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
			stored := c.cellValue(x.X)
			if stored == nil {
				return v
			}
			v = stored
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
	if !onlyLoadsAndStores(alloc, &stores) || len(stores) != 1 {
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
