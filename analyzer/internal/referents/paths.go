package referents

import (
	"fmt"
	"slices"
	"strings"

	"github.com/weaklint/weaklint/internal/ssa"
)

// The walk keeps the facts of the dominator tree, so it misses what holds
// only because the paths that would contradict it are impossible:
//
//	if a == nil && b == nil { return }
//	if a != nil { return a.Title }
//	return b.Title // a is nil here, and not both are: b is not
//
// No single branch dominating the last line says b != nil; every path to it
// does. nonNilOnEveryPath asks that question of a value the walk cannot
// prove non-nil, before reporting it: it searches backward from the use for
// a path from the entry on which the value is nil, keeping the constraints
// that the branches taken put on the values compared (SSA values do not
// change, so two constraints on one value along a path must agree). A path
// whose constraints conflict is impossible; if every path is, the value is
// non-nil. The search is bounded: constraints on at most maxPathFacts values
// per path, and a budget of steps per walk linear in the function's size
// (pathBudgetPerBlock per block), after which uses are reported as before.

const (
	maxPathFacts       = 8
	pathBudgetPerBlock = 16
	pathBudgetBase     = 64
)

// A pathState is a point of the backward search: the end of block b (or,
// for the use's block, its start), with the constraints of the path from
// there to the use.
type pathState struct {
	b       *ssa.BasicBlock
	atStart bool
	facts   []fact
}

// nonNilOnEveryPath reports whether v, used in block b, is non-nil on every
// path from the function's entry to the start of b.
func (w *walker) nonNilOnEveryPath(b *ssa.BasicBlock, v ssa.Value) bool {
	if w.pathBudget <= 0 {
		return false
	}
	if instr, ok := v.(ssa.Instruction); ok && instr.Block() == b {
		if _, phi := v.(*ssa.Phi); !phi {
			return false // made in b: nothing before b constrains it
		}
	}
	stack := []pathState{{b: b, atStart: true, facts: []fact{{v, false}}}}
	seen := make(map[string]bool)
	for len(stack) > 0 {
		st := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		facts := st.facts
		if len(st.b.Preds) == 0 {
			// The entry: a path where v is nil, unless the function is a
			// deferred closure none of whose runs agree (deferred.go).
			if run := w.c.deferredRuns[w.fn]; run != nil && !run.admits(w, facts) {
				continue
			}
			return false
		}
		if !st.atStart {
			// Going back past st.b: its values are not made yet (in a
			// loop, those before are another iteration's); but a deferred
			// closure's loads of its function's variables read what the
			// function left there, the same in every iteration.
			facts = slices.DeleteFunc(slices.Clone(facts), func(f fact) bool {
				instr, ok := f.value.(ssa.Instruction)
				_, phi := f.value.(*ssa.Phi)
				return ok && !phi && instr.Block() == st.b && w.exitFixedCell(f.value) == nil
			})
		}
		if len(facts) == 0 {
			return false // nothing left to contradict
		}
		for i, p := range st.b.Preds {
			if w.c.deadEnd(p) {
				continue
			}
			if w.pathBudget--; w.pathBudget < 0 {
				return false
			}
			next, ok := w.throughEdge(p, st.b, i, facts)
			if !ok {
				continue // impossible path
			}
			if key := pathKey(p, next); !seen[key] {
				seen[key] = true
				stack = append(stack, pathState{b: p, facts: next})
			}
		}
	}
	return true
}

// throughEdge returns the constraints that hold at the end of pred when the
// path goes on to succ (pred is succ's i-th predecessor) with facts holding
// at succ's start, and false if they conflict: with the branch taken on the
// edge, with the walk's facts at pred's end, or with a constant.
func (w *walker) throughEdge(pred, succ *ssa.BasicBlock, i int, facts []fact) ([]fact, bool) {
	out := make([]fact, 0, len(facts)+2)
	for _, f := range facts {
		if phi, ok := f.value.(*ssa.Phi); ok && phi.Block() == succ && i < len(phi.Edges) {
			f.value = w.c.canon(phi.Edges[i])
		}
		if n := constNilness(f.value); n != unknown {
			if n != toNilness(f.nonNil) {
				return nil, false
			}
			continue
		}
		var ok bool
		if out, ok = addPathFact(out, f); !ok {
			return nil, false
		}
	}
	if len(pred.Succs) == 2 && pred.Succs[0] != pred.Succs[1] {
		onTrue, onFalse := w.branchFacts(pred)
		edge := onTrue
		if succ == pred.Succs[1] {
			edge = onFalse
		}
		for _, f := range edge {
			var ok bool
			if out, ok = addPathFact(out, f); !ok {
				return nil, false
			}
		}
	}
	if top, visited := w.exits[pred]; visited {
		for _, f := range out {
			if n := w.nilness(scope{top: top}, f.value); n != unknown && n != toNilness(f.nonNil) {
				return nil, false
			}
		}
	}
	return out, true
}

// addPathFact adds f to the constraints of a path, unless it conflicts with
// one of them (false) or the path already has maxPathFacts (dropping a
// constraint only makes the path look possible).
func addPathFact(facts []fact, f fact) ([]fact, bool) {
	for _, g := range facts {
		if g.value == f.value {
			return facts, g.nonNil == f.nonNil
		}
	}
	if len(facts) >= maxPathFacts {
		return facts, true
	}
	return append(facts, f), true
}

// pathKey identifies a point of the search: a block's end and the
// constraints there, in a canonical order.
func pathKey(b *ssa.BasicBlock, facts []fact) string {
	parts := make([]string, len(facts))
	for i, f := range facts {
		parts[i] = fmt.Sprintf("%p=%t", f.value, f.nonNil)
	}
	slices.Sort(parts)
	return fmt.Sprint(b.Index, ":", strings.Join(parts, ","))
}
