package reach

import (
	"go/types"
	"strings"

	"github.com/weaklint/weaklint/internal/ssa"
)

// PackageHolders returns the package-level variables into which the
// object's function stores the object, directly (workers[id] = w,
// all = append(all, w)) or through a function of the same package that
// stores its parameter there (register(w)). A package-level variable is a
// root: what it holds is never collected while it holds it.
func (o *Object) PackageHolders() []*ssa.Global {
	var gs []*ssa.Global
	add := func(g *ssa.Global) {
		for _, h := range gs {
			if h == g {
				return
			}
		}
		gs = append(gs, g)
	}
	for _, t := range o.storeTargets() {
		if g, ok := t.key.root.(*ssa.Global); ok {
			add(g)
		}
	}
	for _, call := range o.callsWithObject() {
		for k, a := range call.Args {
			if o.Same(a) {
				for _, g := range o.q.paramGlobalStores(call.StaticCallee(), k) {
					add(g)
				}
			}
		}
	}
	return gs
}

// callsWithObject returns the static calls of the package's own functions
// that take the object's pointer, in the function that holds it.
func (o *Object) callsWithObject() []*ssa.CallCommon {
	var calls []*ssa.CallCommon
	refs := Underlying(o.ptr).Referrers()
	if refs == nil {
		return nil
	}
	for _, r := range *refs {
		if c, ok := r.(ssa.CallInstruction); ok {
			if callee := c.Common().StaticCallee(); callee != nil && callee.Blocks != nil {
				calls = append(calls, c.Common())
			}
		}
	}
	return calls
}

// paramGlobalStores returns the package-level variables into which fn
// stores its parameter k. The answer is computed once per parameter; a
// recursive call sees none.
func (q *Query) paramGlobalStores(fn *ssa.Function, k int) []*ssa.Global {
	if fn == nil || fn.Blocks == nil || k >= len(fn.Params) {
		return nil
	}
	if q.globalStores == nil {
		q.globalStores = make(map[fnParam][]*ssa.Global)
	}
	memo := fnParam{fn, k}
	if gs, ok := q.globalStores[memo]; ok {
		return gs
	}
	q.globalStores[memo] = nil
	gs := q.Object(fn.Params[k]).PackageHolders()
	q.globalStores[memo] = gs
	return gs
}

// storedField returns how the value loaded from field fa reaches the
// object because this function stored such a value into the same field of
// the same struct (h.onClose = func() { h.Close() }; ... h.onClose). Field
// types that cannot reach the object by type (interfaces, funcs) are opaque
// in general, but not when the function itself set them.
func (o *Object) storedField(fa *ssa.FieldAddr, seen map[ssa.Value]bool) *Path {
	for _, st := range o.q.fieldStores(fa.Parent()) {
		other := st.Addr.(*ssa.FieldAddr)
		if other.Field == fa.Field && o.q.samePointer(other.X, fa.X) {
			if p := o.reach(st.Val, seen); p != nil {
				return &Path{Rel: Holder, Value: fa, Next: p}
			}
		}
	}
	return nil
}

// samePointer reports whether a and b are surely the same pointer: one
// key each, and the same one (two loads of a variable assigned once).
func (q *Query) samePointer(a, b ssa.Value) bool {
	ka, kb := q.keysOf(a), q.keysOf(b)
	return a == b || len(ka) == 1 && len(kb) == 1 && ka[0] == kb[0]
}

// fieldStores returns, once per function, its stores into struct fields
// whose type cannot reach anything by type (interfaces and funcs).
func (q *Query) fieldStores(fn *ssa.Function) []*ssa.Store {
	if fn == nil {
		return nil
	}
	if sts, ok := q.opaqueStores[fn]; ok {
		return sts
	}
	var sts []*ssa.Store
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok {
				if _, ok := st.Addr.(*ssa.FieldAddr); ok && opaque(st.Val.Type()) {
					sts = append(sts, st)
				}
			}
		}
	}
	if q.opaqueStores == nil {
		q.opaqueStores = make(map[*ssa.Function][]*ssa.Store)
	}
	q.opaqueStores[fn] = sts
	return sts
}

// opaque reports whether values of type t have dynamic contents that the
// type does not describe: interfaces and funcs.
func opaque(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Interface, *types.Signature:
		return true
	}
	return false
}

// Refers reports whether fn, or a function of the same package that it
// calls (to a small depth), refers to the package-level variable g: a
// cleanup that deletes the object from g refers to g.
func Refers(fn *ssa.Function, g *ssa.Global) bool {
	return refers(fn, g, make(map[*ssa.Function]bool), 4)
}

func refers(fn *ssa.Function, g *ssa.Global, seen map[*ssa.Function]bool, depth int) bool {
	if fn == nil || seen[fn] || depth == 0 {
		return false
	}
	seen[fn] = true
	var buf [8]*ssa.Value
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, op := range instr.Operands(buf[:0]) {
				switch v := (*op).(type) {
				case *ssa.Global:
					if v == g {
						return true
					}
				case *ssa.Function:
					if v.Pkg == g.Pkg && refers(v, g, seen, depth-1) {
						return true
					}
				}
			}
		}
	}
	for _, anon := range fn.AnonFuncs {
		if refers(anon, g, seen, depth) {
			return true
		}
	}
	return false
}

// heldBesides reports whether the struct that fa points into holds the
// object only in its other fields: the object was loaded out of it
// (s.conn) or stored into it (s.history = append(s.history, sp)) through a
// field other than fa's. What fa's field points to (s.db, s.cache) is
// another object, which holding s's own fields does not make reach the
// object: a cleanup bound to s.cache does not keep s.conn alive because s
// holds both.
func (o *Object) heldBesides(fa *ssa.FieldAddr) bool {
	p := o.relate(fa.X)
	if p == nil {
		p = o.storedInto(fa.X)
	}
	if p == nil || p.Rel != Holder {
		return false
	}
	for _, kf := range o.q.keysOf(fa) {
		for _, ko := range o.keys {
			if ko.root == kf.root && strings.HasPrefix(ko.path, kf.path) {
				return false
			}
		}
		for _, t := range o.storeTargets() {
			if t.key.root == kf.root && strings.HasPrefix(t.key.path, kf.path) {
				return false
			}
		}
	}
	return true
}
