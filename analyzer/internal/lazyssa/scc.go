package lazyssa

import (
	"go/types"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Components returns the package's functions (SrcFuncs) grouped into the
// strongly connected components of its call graph, callees first (reverse
// topological order), as summaries must be computed: a function's summary
// is final once every component it calls is, and a component is iterated to
// a fixed point by its caller. The order does not depend on the order of
// declarations, only on the calls.
//
// Edges: static calls of the package's functions (declared or literal), the
// functions a closure or method value makes, and functions referred to as
// values (they are likely called), and the functions the package stores
// in a field of function type from the calls of that field (FieldFuncs),
// and the methods an interface method call may run (Implementers).
// A closure is also joined with the
// function that makes it, in both directions: what holds for its free
// variables is learned where it is made, and what it returns is used there.
// The result is computed once and cached.
func (s *SSA) Components() []Component {
	s.sccOnce.Do(func() { s.sccs = components(s.SrcFuncs, s.FieldFuncs(), s.Implementers) })
	return s.sccs
}

// A Component is a strongly connected component of the call graph.
type Component struct {
	Funcs []*ssa.Function // in source order
	// Cyclic: the functions call each other (or the only one calls
	// itself), so their summaries need iterating to a fixed point.
	Cyclic bool
}

func components(funcs []*ssa.Function, fields map[*types.Var][]*ssa.Function, implementers func(*ssa.CallCommon) []*types.Func) []Component {
	local := make(map[*ssa.Function]bool, len(funcs))
	order := make(map[*ssa.Function]int, len(funcs))
	for i, fn := range funcs {
		local[fn] = true
		order[fn] = i
	}
	succs := func(fn *ssa.Function) []*ssa.Function {
		var out []*ssa.Function
		add := func(v ssa.Value) {
			if g, ok := v.(*ssa.Function); ok {
				if o := g.Origin(); o != nil {
					g = o
				}
				if local[g] {
					out = append(out, g)
				}
			}
		}
		if fn.Parent() != nil {
			add(fn.Parent())
		}
		var ops []*ssa.Value // reused: an array per instruction escapes (Operands is an interface method)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if mc, ok := instr.(*ssa.MakeClosure); ok {
					// A method value's wrapper ($bound): the method. An
					// interface method (c.Close on an io.Closer) has none.
					if g, ok := mc.Fn.(*ssa.Function); ok && g.Synthetic != "" {
						if m, ok := g.Object().(*types.Func); ok {
							if mv := fn.Prog.FuncValue(m.Origin()); mv != nil {
								add(mv)
							}
						}
					}
				}
				if call, ok := instr.(ssa.CallInstruction); ok {
					if f := CalledField(call.Common()); f != nil {
						for _, g := range fields[f] {
							add(g)
						}
					}
					// r.Resolve(k) on an interface: the methods of the
					// types the package converts to it.
					for _, m := range implementers(call.Common()) {
						if mv := fn.Prog.FuncValue(m.Origin()); mv != nil {
							add(mv)
						}
					}
				}
				ops = instr.Operands(ops[:0])
				for _, op := range ops {
					if *op != nil {
						add(*op)
					}
				}
			}
		}
		return out
	}

	// Tarjan's algorithm, iterative over the explicit stack of frames so
	// that a long call chain cannot overflow the goroutine stack.
	index := make(map[*ssa.Function]int, len(funcs))
	low := make(map[*ssa.Function]int, len(funcs))
	onStack := make(map[*ssa.Function]bool, len(funcs))
	var stack []*ssa.Function
	var sccs []Component
	type frame struct {
		fn    *ssa.Function
		succs []*ssa.Function
		next  int
	}
	for _, root := range funcs {
		if _, seen := index[root]; seen {
			continue
		}
		frames := []*frame{{fn: root, succs: succs(root)}}
		index[root], low[root] = len(index), len(index)
		stack = append(stack, root)
		onStack[root] = true
		for len(frames) > 0 {
			f := frames[len(frames)-1]
			if f.next < len(f.succs) {
				w := f.succs[f.next]
				f.next++
				if _, seen := index[w]; !seen {
					index[w], low[w] = len(index), len(index)
					stack = append(stack, w)
					onStack[w] = true
					frames = append(frames, &frame{fn: w, succs: succs(w)})
				} else if onStack[w] {
					low[f.fn] = min(low[f.fn], index[w])
				}
				continue
			}
			frames = frames[:len(frames)-1]
			if len(frames) > 0 {
				parent := frames[len(frames)-1].fn
				low[parent] = min(low[parent], low[f.fn])
			}
			if low[f.fn] == index[f.fn] {
				var scc []*ssa.Function
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					scc = append(scc, w)
					if w == f.fn {
						break
					}
				}
				// Source order inside a component: makers before
				// their closures, for a stable result.
				slices.SortFunc(scc, func(a, b *ssa.Function) int { return order[a] - order[b] })
				cyclic := len(scc) > 1 || slices.Contains(f.succs, f.fn)
				sccs = append(sccs, Component{Funcs: scc, Cyclic: cyclic})
			}
		}
	}
	return sccs
}
