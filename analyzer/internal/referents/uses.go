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
// n.Notify(ev).
func (c *checker) invokedReceiver(common *ssa.CallCommon) []ssa.Value {
	mi, ok := c.canon(common.Value).(*ssa.MakeInterface)
	if !ok || !isPointer(mi.X.Type()) {
		return nil
	}
	prog := mi.Parent().Prog
	sel := prog.MethodSets.MethodSet(mi.X.Type()).Lookup(common.Method.Pkg(), common.Method.Name())
	if sel == nil {
		return nil
	}
	m, ok := sel.Obj().(*types.Func)
	if !ok || !c.derefs.MethodDerefsReceiver(prog, m) {
		return nil
	}
	return []ssa.Value{mi.X}
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
