package lifetime

import (
	"go/token"
	"slices"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/internal/ssa"
)

// keptBeyond reports whether pointer v is kept by something other than
// the allowed instructions (the call that makes it a referent): stored, returned, captured, passed to another call, used after.
// Writing into the object and reading from it (the initialization of
// &T{…}) does not keep it.
func keptBeyond(v ssa.Value, allowed ...ssa.Instruction) bool {
	seen := make(map[ssa.Value]bool)
	var kept func(v ssa.Value) bool
	kept = func(v ssa.Value) bool {
		if seen[v] {
			return false
		}
		seen[v] = true
		refs := v.Referrers()
		if refs == nil {
			return true
		}
		for _, r := range *refs {
			if slices.Contains(allowed, r) {
				continue
			}
			switch r := r.(type) {
			case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.ChangeType, *ssa.MakeInterface, *ssa.ChangeInterface:
				if kept(r.(ssa.Value)) {
					return true
				}
			case *ssa.Store:
				if r.Val == v {
					return true
				}
			case *ssa.UnOp:
				if r.Op != token.MUL {
					return true
				}
			case *ssa.DebugRef:
			default:
				return true
			}
		}
		return false
	}
	return kept(v)
}

// keptAfter reports whether the object v points to is kept by something
// other than call (keptBeyond), or still used after it.
func keptAfter(v ssa.Value, call ssa.CallInstruction) bool {
	return keptBeyond(v, call) || liveUses(v).usedAfter(call, false)
}

// liveness answers whether an object may still be used after a point of
// its function.
type liveness struct {
	forever bool         // stored, captured, deferred or held by a global: alive as long as that
	holders []*holderUse // the object's pointer and the pointers of the objects holding it
}

// holderUse is the uses of one pointer value. A value defined in a loop is
// a new object on each iteration: a use reached through its definition
// again belongs to the next object, not to this one.
type holderUse struct {
	def  ssa.Instruction // the instruction defining the pointer, or nil (a parameter)
	uses map[*ssa.BasicBlock][]int
}

// liveUses collects the uses of the object obj points to: uses of obj, of
// pointers derived from it, and of the objects that hold it (c for
// c.file).
func liveUses(obj ssa.Value) *liveness {
	lv := new(liveness)
	seen := make(map[ssa.Value]bool)
	for _, h := range holders(obj, 0) {
		if h == nil {
			lv.forever = true
			continue
		}
		hu := &holderUse{uses: make(map[*ssa.BasicBlock][]int)}
		hu.def, _ = h.(ssa.Instruction)
		lv.follow(hu, h, seen)
		lv.holders = append(lv.holders, hu)
	}
	return lv
}

// holders returns obj and the pointers whose objects hold obj (nil for a
// holder that lives for the whole run, like a global).
func holders(obj ssa.Value, depth int) []ssa.Value {
	obj = reach.Underlying(obj)
	hs := []ssa.Value{obj}
	if depth > 4 {
		return hs
	}
	switch x := obj.(type) {
	case *ssa.FreeVar, *ssa.Global:
		return []ssa.Value{nil}
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return hs
		}
		switch a := x.X.(type) {
		case *ssa.FieldAddr:
			return append(hs, holders(a.X, depth+1)...)
		case *ssa.IndexAddr:
			return append(hs, holders(a.X, depth+1)...)
		case *ssa.Alloc:
			return append(hs, a)
		case *ssa.Global, *ssa.FreeVar:
			return append(hs, nil)
		}
	case *ssa.FieldAddr:
		return append(hs, holders(x.X, depth+1)...)
	}
	return hs
}

func (hu *holderUse) use(instr ssa.Instruction) {
	b := instr.Block()
	hu.uses[b] = append(hu.uses[b], index(instr))
}

// index returns the position of instr in its block.
func index(instr ssa.Instruction) int {
	for i, in := range instr.Block().Instrs {
		if in == instr {
			return i
		}
	}
	return -1
}

// follow records the uses of pointer v and of the values derived from it.
func (lv *liveness) follow(hu *holderUse, v ssa.Value, seen map[ssa.Value]bool) {
	if seen[v] {
		return
	}
	seen[v] = true
	refs := v.Referrers()
	if refs == nil {
		return
	}
	for _, r := range *refs {
		hu.use(r)
		switch r := r.(type) {
		case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.ChangeType, *ssa.MakeInterface, *ssa.ChangeInterface,
			*ssa.Slice, *ssa.Phi, *ssa.Convert:
			lv.follow(hu, r.(ssa.Value), seen)
		case *ssa.MakeClosure, *ssa.Go, *ssa.Defer:
			lv.forever = true
		case *ssa.Store:
			if r.Val == v {
				lv.forever = true
			}
		}
	}
}

// usedAfter reports whether the object may be used after instr (or by
// instr itself, when inclusive): then it is alive at instr.
func (lv *liveness) usedAfter(instr ssa.Instruction, inclusive bool) bool {
	if lv.forever {
		return true
	}
	for _, hu := range lv.holders {
		if hu.usedAfter(instr, inclusive) {
			return true
		}
	}
	return false
}

func (hu *holderUse) usedAfter(instr ssa.Instruction, inclusive bool) bool {
	b, idx := instr.Block(), index(instr)
	for _, i := range hu.uses[b] {
		if i > idx || inclusive && i == idx {
			return true
		}
	}
	var defBlock *ssa.BasicBlock
	if hu.def != nil {
		defBlock = hu.def.Block()
	}
	// Is a block that uses the object reachable from a successor of b
	// without passing through the definition? Around a loop, back at
	// the definition, it is the next iteration's object from there on:
	// only uses before the definition (φ-nodes of the loop header) can
	// still be this one's, and the path stops.
	//
	// The search goes backwards, from the uses to b's successors, so
	// that it visits the blocks between the definition and the uses:
	// going forward from b, an object with no later use (a weak pointer
	// dead on arrival) visited every block to the function's end, and a
	// function of n such objects cost O(n × blocks).
	starts := make(map[*ssa.BasicBlock]bool, len(b.Succs))
	for _, s := range b.Succs {
		starts[s] = true
	}
	seen := make(map[*ssa.BasicBlock]bool)
	var stack []*ssa.BasicBlock
	for blk, uses := range hu.uses {
		if blk == defBlock {
			defIdx := index(hu.def)
			if !slices.ContainsFunc(uses, func(i int) bool { return i < defIdx }) {
				continue
			}
		}
		if len(uses) > 0 && !seen[blk] {
			seen[blk] = true
			stack = append(stack, blk)
		}
	}
	for len(stack) > 0 {
		blk := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if starts[blk] {
			return true
		}
		for _, p := range blk.Preds {
			// A path from b's successor to a use goes through
			// the definition only if it ends there.
			if p != defBlock && !seen[p] {
				seen[p] = true
				stack = append(stack, p)
			}
		}
	}
	return false
}
