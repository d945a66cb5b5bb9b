package referents

import (
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// dereferenced returns the pointer operands that instr dereferences (see
// derefs.Result.Dereferenced), and the pointer inside an interface made here
// on which a dereferencing method is invoked.
func (w *walker) dereferenced(instr ssa.Instruction) []ssa.Value {
	if call, ok := instr.(ssa.CallInstruction); ok && call.Common().IsInvoke() {
		if p := typeParamReceiver(call.Common()); p != nil {
			return []ssa.Value{p}
		}
		return w.c.invokedReceiver(call.Common())
	}
	return w.c.derefs.Dereferenced(instr)
}

// invokedReceiver returns the pointer held by the interface value on which
// a method is invoked, if the interface was made from it here and the
// concrete method dereferences its receiver: var n notifier = w.Value();
// n.Notify(ev). The interface may have been asserted to another on the
// way (if s, ok := any(v).(Sizer); ok { s.Size() }, or a type switch's
// case Sizer): a typed nil satisfies the assertion, so ok says nothing
// of the pointer. On a pointer to a type parameter (v a *V of generic
// code) the method is the dynamic type's, which the code does not know:
// like a method of another package without a fact, it is taken to
// dereference its receiver.
func (c *checker) invokedReceiver(common *ssa.CallCommon) []ssa.Value {
	mi := c.boxedBy(common.Value)
	if mi == nil || !isPointer(mi.X.Type()) {
		return nil
	}
	prog := mi.Parent().Prog
	sel := prog.MethodSets.MethodSet(mi.X.Type()).Lookup(common.Method.Pkg(), common.Method.Name())
	if sel == nil {
		if pointsToTypeParam(mi.X.Type()) {
			return []ssa.Value{mi.X}
		}
		return nil
	}
	m, ok := sel.Obj().(*types.Func)
	if !ok || !c.derefs.MethodDerefsReceiver(prog, m) {
		return nil
	}
	return []ssa.Value{mi.X}
}

// boxedBy returns the conversion that made the interface value x, through
// assertions to other interfaces (x.(I), and the value of a comma-ok one)
// and conversions between interfaces, or nil if x is not made here.
func (c *checker) boxedBy(x ssa.Value) *ssa.MakeInterface {
	for range 8 { // a few assertions at most
		switch v := c.canon(x).(type) {
		case *ssa.MakeInterface:
			return v
		case *ssa.ChangeInterface:
			x = v.X
		case *ssa.TypeAssert:
			if v.CommaOk || !types.IsInterface(v.AssertedType) {
				return nil
			}
			x = v.X
		case *ssa.Extract:
			ta, ok := v.Tuple.(*ssa.TypeAssert)
			if !ok || v.Index != 0 || !types.IsInterface(ta.AssertedType) {
				return nil
			}
			x = ta.X
		default:
			return nil
		}
	}
	return nil
}

// pointsToTypeParam reports whether t is *V for a type parameter V.
func pointsToTypeParam(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	_, ok = types.Unalias(p.Elem()).(*types.TypeParam)
	return ok
}

// typeParamReceiver returns the pointer on which a method of a type
// parameter's constraint is called, when the type parameter's values are
// pointers (func F[T any, P interface{ *T; Touch() }](wp weak.Pointer[T]) {
// P(wp.Value()).Touch() }, or r.Cached(k).Key() of a generic repository
// returning P): the method is one of *T's, for a T that the generic code
// does not know, and like a method of another package without a fact it
// is taken to dereference its receiver.
func typeParamReceiver(common *ssa.CallCommon) ssa.Value {
	tp, ok := types.Unalias(common.Value.Type()).(*types.TypeParam)
	if !ok || !pointerLike(tp) {
		return nil
	}
	return unwrapConversion(common.Value)
}

// isPointer reports whether t's values are pointers: a pointer type, or a
// type parameter whose type set holds pointers only (pointerLike).
func isPointer(t types.Type) bool { return pointerLike(t) }
