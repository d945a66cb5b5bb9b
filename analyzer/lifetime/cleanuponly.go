package lifetime

import (
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// runByCleanup reports whether fn is a cleanup or finalizer the package
// registers, or a helper that only they call (a finalizer closure calling
// c.closeFD()): its code runs when the object is gone already, as the
// cleanup's does, and a KeepAlive in it would change nothing.
func (l *lifetime) runByCleanup(fn *ssa.Function) bool {
	if l.cleanupOnly == nil {
		l.cleanupOnly = l.findCleanupOnly()
	}
	return l.cleanupOnly[fn]
}

// findCleanupOnly returns the releasers and, transitively, the unexported
// functions of the package that nothing but them mentions, and only to
// call them. Another package cannot name an unexported function, nor call
// an unexported method through an interface of its own (the method's name
// is qualified by its package); a method with the name of a method of one
// of this package's interfaces may be run through it, unseen, and is left
// out. A search from the releasers over their static calls: a callee joins
// when the calls met reach its number of mentions.
func (l *lifetime) findCleanupOnly() map[*ssa.Function]bool {
	set := make(map[*ssa.Function]bool, len(l.releasers))
	var work []*ssa.Function
	for fn := range l.releasers {
		set[fn] = true
		work = append(work, fn)
	}
	calls := make(map[*types.Func]int)
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				callee := l.localBody(call.Common())
				obj := fnObjOf(callee)
				if obj == nil || obj.Exported() || set[callee] {
					continue
				}
				calls[obj]++
				if calls[obj] == l.unexportedMentions()[obj] { // on first need: most packages' cleanups call no helper
					set[callee] = true
					work = append(work, callee)
				}
			}
		}
	}
	return set
}

// fnObjOf is fnObj for a possibly nil function.
func fnObjOf(fn *ssa.Function) *types.Func {
	if fn == nil {
		return nil
	}
	return fnObj(fn)
}

// mentionsOfUnexported counts the identifiers that refer to each
// unexported function or method of the package, but those a method of one
// of its interfaces shares the name of, which are left out (-1).
func (l *lifetime) mentionsOfUnexported() map[*types.Func]int {
	ifaceMethods := make(map[string]bool)
	for _, obj := range l.pass.TypesInfo.Defs {
		if fn, ok := obj.(*types.Func); ok && !fn.Exported() {
			if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
				ifaceMethods[fn.Name()] = true
			}
		}
	}
	n := make(map[*types.Func]int)
	for _, obj := range l.pass.TypesInfo.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || fn.Exported() || fn.Pkg() != l.pass.Pkg {
			continue
		}
		fn = fn.Origin()
		if fn.Signature().Recv() != nil && ifaceMethods[fn.Name()] {
			n[fn] = -1
		} else if n[fn] >= 0 {
			n[fn]++
		}
	}
	return n
}
