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

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}
