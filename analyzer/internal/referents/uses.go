package referents

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// dereferenced returns the pointer operands that instr dereferences: the
// operations that panic when the pointer is nil.
func (w *walker) dereferenced(instr ssa.Instruction) []ssa.Value {
	switch instr := instr.(type) {
	case *ssa.FieldAddr:
		return []ssa.Value{instr.X}
	case *ssa.IndexAddr:
		if isPointer(instr.X.Type()) { // *[N]T
			return []ssa.Value{instr.X}
		}
	case *ssa.Slice:
		if isPointer(instr.X.Type()) { // (*[N]T)[i:j]
			return []ssa.Value{instr.X}
		}
	case *ssa.UnOp:
		if instr.Op.String() == "*" {
			return []ssa.Value{instr.X}
		}
	case *ssa.Store:
		return []ssa.Value{instr.Addr}
	case *ssa.MakeClosure:
		// v.M as a value: calling it later dereferences v (a value
		// receiver is even copied out of *v right here).
		if fn, ok := instr.Fn.(*ssa.Function); ok && fn.Synthetic != "" && len(instr.Bindings) == 1 {
			if m, ok := fn.Object().(*types.Func); ok && w.c.methodDerefsReceiver(fn.Prog, m) {
				return instr.Bindings
			}
		}
	case ssa.CallInstruction:
		return w.c.dereferencedArgs(instr.Common())
	}
	return nil
}

// methodDerefsReceiver reports whether calling method m on a nil pointer
// dereferences it: a method of this package that does so on every path, a
// method of another package whose DerefFact says so, or one of another
// package without a fact (whose body was not analyzed: a method called on
// a reclaimed referent is rarely meant to see nil).
func (c *checker) methodDerefsReceiver(prog *ssa.Program, m *types.Func) bool {
	sig := m.Signature()
	if sig.Recv() == nil {
		return false
	}
	if !isPointer(sig.Recv().Type()) {
		return true // copied out of *v
	}
	if m.Pkg() == c.pass.Pkg {
		if fn := prog.FuncValue(m.Origin()); fn != nil && len(fn.Params) > 0 {
			return c.derefsParam(fn.Params[0])
		}
		return false
	}
	if f, ok := c.derefImports[m.Origin()]; ok {
		return slices.Contains(f.Params, 0)
	}
	return true
}

// dereferencedArgs returns the arguments that the callee dereferences: any
// parameter that a function of this package dereferences on every path, the
// parameters that another package's DerefFact lists, and, without a fact,
// the receiver of a method declared elsewhere (see methodDerefsReceiver).
func (c *checker) dereferencedArgs(common *ssa.CallCommon) []ssa.Value {
	if common.IsInvoke() {
		return nil
	}
	if fn := localCallee(common); fn != nil {
		var args []ssa.Value
		for i, arg := range common.Args {
			if i < len(fn.Params) && c.derefsParam(fn.Params[i]) {
				args = append(args, arg)
			}
		}
		return args
	}
	callee := common.StaticCallee()
	if callee == nil || len(common.Args) == 0 {
		return nil
	}
	m, ok := callee.Object().(*types.Func)
	if !ok {
		return nil
	}
	_, bound := common.Value.(*ssa.MakeClosure) // receiver bound, not in Args
	if f, ok := c.derefImports[m.Origin()]; ok && !bound {
		var args []ssa.Value
		for _, i := range f.Params {
			if i < len(common.Args) {
				args = append(args, common.Args[i])
			}
		}
		return args
	}
	// A method called directly, or through a method expression's thunk
	// ((*T).M(v)); a value receiver is copied by an explicit load,
	// reported as such.
	if m.Signature().Recv() == nil || !isPointer(m.Signature().Recv().Type()) {
		return nil
	}
	if !c.methodDerefsReceiver(callee.Prog, m) {
		return nil
	}
	return common.Args[:1]
}

type derefState int8

const (
	derefUnknown derefState = iota
	derefInProgress
	derefYes
	derefNo
)

// derefsParam reports whether the function dereferences its parameter p on
// every path that returns normally: some dereference of p sits in a block
// that dominates every return.
func (c *checker) derefsParam(p *ssa.Parameter) bool {
	switch c.derefs[p] {
	case derefYes:
		return true
	case derefNo, derefInProgress: // recursion: assume not
		return false
	}
	c.derefs[p] = derefInProgress
	result := c.computeDerefsParam(p)
	if result {
		c.derefs[p] = derefYes
	} else {
		c.derefs[p] = derefNo
	}
	return result
}

func (c *checker) computeDerefsParam(p *ssa.Parameter) bool {
	if !isPointer(p.Type()) {
		return false
	}
	fn := p.Parent()
	var returns []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		if b == fn.Recover {
			continue // reached only by a recovered panic
		}
		if len(b.Instrs) > 0 {
			if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
				returns = append(returns, b)
			}
		}
	}
	if len(returns) == 0 {
		return false
	}
	w := &walker{c: c, fn: fn}
	for _, ref := range *p.Referrers() {
		derefs := false
		for _, v := range w.dereferenced(ref) {
			if v == p {
				derefs = true
			}
		}
		if derefs && dominatesAll(ref.Block(), returns) {
			return true
		}
	}
	return false
}

func dominatesAll(b *ssa.BasicBlock, blocks []*ssa.BasicBlock) bool {
	for _, r := range blocks {
		if !b.Dominates(r) {
			return false
		}
	}
	return true
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}
