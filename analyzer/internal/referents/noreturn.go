package referents

import (
	"github.com/weaklint/weaklint/internal/ssa"

	"github.com/weaklint/weaklint/analyzer/internal/lazyssa"
)

// deadEnd reports whether control never leaves block b normally: it calls a
// function that does not return. (Calls of the standard ones, os.Exit or
// log.Fatal, already end their block in the SSA form; these are the calls
// the SSA builder cannot see through: testing.TB's Fatal, called through
// the interface, and this package's own helpers that always exit or panic.)
func (c *checker) deadEnd(b *ssa.BasicBlock) bool {
	if v, ok := c.deadEnds[b]; ok {
		return v
	}
	v := c.computeDeadEnd(b)
	c.deadEnds[b] = v
	return v
}

func (c *checker) computeDeadEnd(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		call, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		common := call.Common()
		if common.IsInvoke() {
			if lazyssa.IsNoReturn(common.Method) {
				return true
			}
			continue
		}
		if fn := localCallee(common); fn != nil && c.noReturn(fn) {
			return true
		}
	}
	return false
}

// noReturn reports whether fn, a function of this package, never returns:
// no block of it ends with a return.
func (c *checker) noReturn(fn *ssa.Function) bool {
	if v, ok := c.noReturns[fn]; ok {
		return v
	}
	result := len(fn.Blocks) > 0
	for _, b := range fn.Blocks {
		if len(b.Instrs) > 0 {
			if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
				result = false
				break
			}
		}
	}
	c.noReturns[fn] = result
	return result
}
