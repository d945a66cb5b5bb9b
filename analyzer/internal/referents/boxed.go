package referents

import (
	"go/types"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Referents boxed in interfaces. A function that returns an interface made
// from a possibly reclaimed pointer (func (r *Registry) Raw(id) any {
// return r.jobs[id].Value() }) returns a non-nil interface even when the
// pointer in it is nil, so its callers' `x != nil` and `case nil:` check
// nothing: a type switch's `case *Job:`, an assertion x.(*Job) (comma-ok
// or not), and a method invoked on x that dereferences its receiver all
// meet the possibly nil pointer. The Fact describes such a result with
// Field Boxed, and lists the interface's methods that dereference it.
// A function that returns a literal nil interface when the pointer is nil
// (if v == nil { return nil }; return v) boxes only a checked pointer: no
// Fact.

// Boxed is the MaybeNil.Field of the pointer inside an interface result.
const Boxed = -3

// boxedSummary returns the interface results of the walked function that
// may box an unchecked referent, made here or returned by a callee that
// boxes one.
func (w *walker) boxedSummary() []MaybeNil {
	results := w.fn.Signature.Results()
	var out []MaybeNil
	for i := 0; i < results.Len(); i++ {
		if !types.IsInterface(results.At(i).Type()) {
			continue
		}
		maybe := false
		var methods []string
		for _, r := range w.returns {
			v := w.c.canon(r.ret.Results[i])
			if m, ok := w.c.boxedOf(v); ok {
				maybe, methods = true, joinNames(methods, m.Methods) // return r.Raw(id)
				continue
			}
			mi, ok := v.(*ssa.MakeInterface)
			if !ok || !isPointer(mi.X.Type()) {
				continue
			}
			x := w.c.canon(mi.X)
			if w.originOf(x) == nil || w.nilness(r.facts, x) == nonNil || w.derivedNilness(r.facts, x) == nonNil || w.nonNilOnEveryPath(r.ret.Block(), x) {
				continue
			}
			maybe = true
			methods = joinNames(methods, w.c.derefMethods(results.At(i).Type(), x.Type()))
		}
		if maybe {
			out = append(out, MaybeNil{Index: i, Field: Boxed, OK: -1, Err: -1, Methods: methods})
		}
	}
	return out
}

// derefMethods returns the methods of the interface iface whose
// implementation on the pointer type ptr dereferences its receiver.
func (c *checker) derefMethods(iface, ptr types.Type) []string {
	it, ok := iface.Underlying().(*types.Interface)
	if !ok || c.prog == nil {
		return nil
	}
	prog := c.prog.Pkg.Prog
	var out []string
	for i := 0; i < it.NumMethods(); i++ {
		m := it.Method(i)
		sel := prog.MethodSets.MethodSet(ptr).Lookup(m.Pkg(), m.Name())
		if sel == nil {
			continue
		}
		if fn, ok := sel.Obj().(*types.Func); ok && c.derefs.MethodDerefsReceiver(prog, fn) {
			out = append(out, m.Name())
		}
	}
	slices.Sort(out)
	return out
}

// boxedOf returns the description of v if v is an interface result of a
// call that may box a reclaimed referent.
func (c *checker) boxedOf(v ssa.Value) (MaybeNil, bool) {
	switch v := v.(type) {
	case *ssa.Call:
		if v.Call.Signature().Results().Len() == 1 {
			return c.summaryOf(v.Common()).Field(0, Boxed)
		}
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			return c.summaryOf(call.Common()).Field(v.Index, Boxed)
		}
	}
	return MaybeNil{}, false
}

// boxedCall returns the call whose boxed result x is, if x is one.
func (c *checker) boxedCall(x ssa.Value) *ssa.Call {
	x = c.canon(x)
	if _, ok := c.boxedOf(x); !ok {
		return nil
	}
	switch x := x.(type) {
	case *ssa.Call:
		return x
	case *ssa.Extract:
		return x.Tuple.(*ssa.Call)
	}
	return nil
}

// assertedOrigin returns the origin of v if v asserts a boxed result to a
// pointer type: x.(*T), or the value of x.(*T) with comma-ok (a type
// switch's case *T). A typed nil matches.
func (w *walker) assertedOrigin(v ssa.Value) *origin {
	var ta *ssa.TypeAssert
	switch v := v.(type) {
	case *ssa.TypeAssert:
		if !v.CommaOk {
			ta = v
		}
	case *ssa.Extract:
		if t, ok := v.Tuple.(*ssa.TypeAssert); ok && v.Index == 0 {
			ta = t
		}
	}
	if ta == nil || !isPointer(ta.AssertedType) {
		return nil
	}
	if call := w.c.boxedCall(ta.X); call != nil {
		return &origin{call: call, wrapper: true, boxed: true}
	}
	return nil
}

// boxedInvoke returns the interface value on which instr invokes a method
// that dereferences the pointer a callee boxed in it, with its origin, the
// first time on the walk (checks of the interface for nil do not guard it).
func (w *walker) boxedInvoke(instr ssa.Instruction) (ssa.Value, *origin) {
	call, ok := instr.(ssa.CallInstruction)
	if !ok || !call.Common().IsInvoke() {
		return nil, nil
	}
	x := w.c.canon(call.Common().Value)
	m, ok := w.c.boxedOf(x)
	if !ok || !slices.Contains(m.Methods, call.Common().Method.Name()) || w.boxedUsed[x] {
		return nil, nil
	}
	if w.boxedUsed == nil {
		w.boxedUsed = make(map[ssa.Value]bool)
	}
	w.boxedUsed[x] = true
	return x, &origin{call: w.c.boxedCall(x), wrapper: true, boxed: true}
}

// joinNames returns the sorted union of two sorted name lists.
func joinNames(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}
