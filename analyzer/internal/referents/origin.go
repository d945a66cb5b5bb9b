package referents

import (
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"

	"github.com/weaklint/weaklint/analyzer/internal/lazyssa"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// An origin is the call that produced a possibly reclaimed referent.
type origin struct {
	call     *ssa.Call
	weakRecv ssa.Value            // the weak.Pointer whose Value() was called, for the re-call race; else nil
	wrapper  bool                 // the callee returns a weak referent unchecked (not a weak API itself)
	field    string               // the field of the call's struct result that holds the referent, or ""
	yielded  bool                 // the callee passes the referent to a function (call's result, or the call) unchecked
	elem     bool                 // an element of the slice the call returns (elems.go)
	stored   *uncheckedFieldStore // read from a field that call's result was stored in unchecked, elsewhere (storedfields.go)
	boxed    bool                 // the call returns it boxed in a non-nil interface (boxed.go)
	out      bool                 // the call stores it through a pointer argument (outparams.go)
	sent     *ChanSend            // received from a channel that this send (maybe another function's) put it on (chans.go)
}

// callOrigin returns the origin of result index of call (index 0 and
// tuple=false for a single-result call), or nil if that result cannot be a
// reclaimed referent.
func (c *checker) callOrigin(call *ssa.Call, index int, tuple bool) *origin {
	common := call.Common()
	if fn := weakapi.SSACallee(common); fn != nil {
		if src, ok := weakapi.LookupSource(fn); ok {
			if src.Result != index || (fn.Signature().Results().Len() > 1) != tuple {
				return nil
			}
			o := &origin{call: call}
			if weakapi.IsWeakValue(fn) {
				o.weakRecv = receiver(common)
				if c.referentHeld(call, o.weakRecv) {
					return nil
				}
			}
			return o
		}
	}
	if sum := c.summaryOf(common); sum != nil {
		if _, ok := sum.Result(index); ok {
			return &origin{call: call, wrapper: true}
		}
	}
	return nil
}

// okPartners returns the pointer values that the bool value v guards: v is
// the ok result of a call whose pointer result is non-nil when ok is true.
func (c *checker) okPartners(v ssa.Value) []ssa.Value {
	ext, ok := v.(*ssa.Extract)
	if !ok {
		return nil
	}
	call, ok := ext.Tuple.(*ssa.Call)
	if !ok {
		return nil
	}
	ptrIndex := -1
	if fn := weakapi.SSACallee(call.Common()); fn != nil {
		if src, ok := weakapi.LookupSource(fn); ok && src.OK == ext.Index {
			ptrIndex = src.Result
		}
	}
	if ptrIndex < 0 {
		if sum := c.summaryOf(call.Common()); sum != nil {
			if r, ok := sum.okFor(ext.Index); ok {
				ptrIndex = r.Index
			}
		}
	}
	if ptrIndex < 0 {
		return nil
	}
	var ptrs []ssa.Value
	for _, ref := range *call.Referrers() {
		if e, ok := ref.(*ssa.Extract); ok && e.Index == ptrIndex {
			ptrs = append(ptrs, e)
		}
	}
	return ptrs
}

// summaryOf returns what is known of the function called by common: the
// summary of a function of this package, or the fact exported by another.
func (c *checker) summaryOf(common *ssa.CallCommon) *Fact {
	if common.IsInvoke() {
		return c.invokeSummary(common)
	}
	if fn := localCallee(common); fn != nil {
		return c.summaries[fn]
	}
	if fn := c.boundMethod(common); fn != nil {
		return c.summaries[fn]
	}
	if fn := c.capturedCallee(common); fn != nil {
		return c.summaries[fn]
	}
	if fn := weakapi.SSACallee(common); fn != nil && fn.Pkg() != c.pass.Pkg {
		return c.imports[fn.Origin()]
	}
	if f := lazyssa.CalledField(common); f != nil {
		// s.get(): any function this package stores in the field.
		var sum *Fact
		for _, fn := range c.fieldFuncs[f] {
			sum = joinFacts(sum, c.summaries[fn])
		}
		return sum
	}
	return nil
}

// localCallee returns the function of this package (declared or literal)
// statically called by common, or nil.
func localCallee(common *ssa.CallCommon) *ssa.Function {
	fn := common.StaticCallee()
	if fn == nil {
		return nil
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if fn.Synthetic != "" || fn.Blocks == nil {
		return nil
	}
	return fn
}

// capturedCallee returns the function literal of this package that a call
// through a variable runs, when the variable holds only that literal: a
// closure captured by another (get := func() *T { return w.Value() };
// return func() int { return get().N }), whose call has no static callee;
// or the function that sync.OnceValue(s) wraps (get :=
// sync.OnceValue(func() *T { return h.Get() })), which the call runs once
// and whose result it returns every time.
func (c *checker) capturedCallee(common *ssa.CallCommon) *ssa.Function {
	if common.IsInvoke() || common.StaticCallee() != nil {
		return nil
	}
	v := c.canon(common.Value)
	for i := 0; i < 4; i++ { // sync.OnceValue(sync.OnceValue(f)): a few at most
		call, ok := v.(*ssa.Call)
		if !ok || !lazyssa.IsOnceValue(call.Common()) || len(call.Call.Args) != 1 {
			break
		}
		v = c.canon(call.Call.Args[0])
	}
	switch v := v.(type) {
	case *ssa.MakeClosure:
		return localCallee(&ssa.CallCommon{Value: v})
	case *ssa.Function:
		return localCallee(&ssa.CallCommon{Value: v})
	}
	return nil
}

// boundMethod returns the method of this package that a call of a method
// value (f := v.M; f()) runs, or nil.
func (c *checker) boundMethod(common *ssa.CallCommon) *ssa.Function {
	fn := common.StaticCallee()
	if fn == nil || fn.Synthetic == "" {
		return nil
	}
	m, ok := fn.Object().(*types.Func)
	if !ok || m.Pkg() != c.pass.Pkg || m.Signature().Recv() == nil {
		return nil
	}
	return localCallee(&ssa.CallCommon{Value: fn.Prog.FuncValue(m.Origin())})
}

// receiver returns the receiver of a static method call or bound method
// closure call.
func receiver(common *ssa.CallCommon) ssa.Value {
	if mc, ok := common.Value.(*ssa.MakeClosure); ok {
		if len(mc.Bindings) > 0 {
			return mc.Bindings[0]
		}
		return nil
	}
	if len(common.Args) > 0 {
		return common.Args[0]
	}
	return nil
}

// sameOperand reports whether a and b denote the same variable or
// expression: the same SSA value, or loads of the same field, element or
// global through the same base.
func sameOperand(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	switch a := a.(type) {
	case *ssa.UnOp:
		b, ok := b.(*ssa.UnOp)
		return ok && a.Op == b.Op && sameOperand(a.X, b.X)
	case *ssa.FieldAddr:
		b, ok := b.(*ssa.FieldAddr)
		return ok && a.Field == b.Field && sameOperand(a.X, b.X)
	case *ssa.Field:
		b, ok := b.(*ssa.Field)
		return ok && a.Field == b.Field && sameOperand(a.X, b.X)
	case *ssa.IndexAddr:
		b, ok := b.(*ssa.IndexAddr)
		return ok && sameOperand(a.X, b.X) && sameOperand(a.Index, b.Index)
	case *ssa.Lookup:
		b, ok := b.(*ssa.Lookup)
		return ok && !a.CommaOk && !b.CommaOk && sameOperand(a.X, b.X) && sameOperand(a.Index, b.Index)
	case *ssa.Const:
		b, ok := b.(*ssa.Const)
		return ok && types.Identical(a.Type(), b.Type()) && a.Value != nil && b.Value != nil && a.Value.ExactString() == b.Value.ExactString()
	}
	return false
}

// referentHeld reports whether the weak pointer wp was made in this function
// by weak.Make(x) from a pointer x that is still used after call (often by
// runtime.KeepAlive(x)): x holds the referent, so Value cannot return nil.
func (c *checker) referentHeld(call *ssa.Call, wp ssa.Value) bool {
	make, ok := c.canon(wp).(*ssa.Call)
	if !ok || len(make.Call.Args) != 1 {
		return false
	}
	if fn := weakapi.SSACallee(make.Common()); fn == nil || !weakapi.IsWeakMake(fn) {
		return false
	}
	x := make.Call.Args[0]
	refs := x.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		if ref != ssa.Instruction(make) && comesAfter(call, ref) {
			return true
		}
	}
	return false
}

// comesAfter reports whether instr runs after first on every path to it:
// later in the same block, or in a block that first's block dominates.
func comesAfter(first, instr ssa.Instruction) bool {
	fb, ib := first.Block(), instr.Block()
	if fb == nil || ib == nil || fb.Parent() != ib.Parent() {
		return false
	}
	if fb != ib {
		return fb.Dominates(ib)
	}
	for _, in := range fb.Instrs {
		if in == first {
			return true // first seen before instr
		}
		if in == instr {
			return false
		}
	}
	return false
}
