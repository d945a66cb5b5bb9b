package referents

import (
	"go/constant"
	"go/token"
	"go/types"
	"maps"

	"github.com/weaklint/weaklint/internal/ssa"
)

// An error type's own Is method is part of what errors.Is finds: for
//
//	type GoneError struct{ ID int }
//	func (e GoneError) Is(target error) bool { return target == ErrGone }
//
// errors.Is(GoneError{id}, ErrGone) is true, so ErrGone is one of the
// type's keys (errkeys.go), as if it unwrapped to it. A sentinel G is a key
// when the method, run with target == G, returns true on every path it can
// take: the comparisons of target with sentinels are decided (distinct
// sentinel variables taken to hold distinct errors), anything else (the
// receiver's fields, a type assertion of target) may go either way.

// maxIsMethodSteps bounds the blocks isMethodKeys visits per sentinel;
// past it the sentinel is not a key.
const maxIsMethodSteps = 64

// anySentinel is the key of an error whose Is method the engine cannot
// read: a method of another package (whose body is not in this pass, and
// for a weak-free package skipped by go vet's gate, in no pass at all). Such
// an error may match any sentinel, so errors.Is(err, S) excludes it for
// every S (errorsIsCall adds this key to the sentinel's); errors.As, which
// does not consult Is, does not. The name is no package path's.
const anySentinel = "errors.Is(any)"

// isMethodKeys returns the sentinels that the Is method of the error type t
// matches on every path: for a method of this package, those that it
// matches on every path; for one the engine cannot read, anySentinel.
func (c *checker) isMethodKeys(prog *ssa.Program, t types.Type) []string {
	sel := types.NewMethodSet(t).Lookup(nil, "Is")
	if sel == nil {
		return nil
	}
	m, ok := sel.Obj().(*types.Func)
	if !ok {
		return nil
	}
	sig := m.Signature()
	if sig.Params().Len() != 1 || !isErrorType(sig.Params().At(0).Type()) ||
		sig.Results().Len() != 1 || !isBool(sig.Results().At(0).Type()) {
		return nil
	}
	if m.Pkg() != c.pass.Pkg {
		return []string{anySentinel}
	}
	fn := prog.FuncValue(m)
	if fn == nil || fn.Blocks == nil || len(fn.Params) == 0 {
		return []string{anySentinel}
	}
	target := fn.Params[len(fn.Params)-1]
	var keys []string
	for _, g := range comparedSentinels(target) {
		run := isRun{target: target, sentinel: g, steps: maxIsMethodSteps}
		if run.alwaysTrue(fn.Blocks[0], nil, nil, make(map[*ssa.BasicBlock]bool)) {
			keys = append(keys, globalName(g))
		}
	}
	return keys
}

// comparedSentinels returns the sentinel variables that target is compared
// with (target == ErrGone).
func comparedSentinels(target ssa.Value) []*ssa.Global {
	var out []*ssa.Global
	for _, ref := range *target.Referrers() {
		b, ok := ref.(*ssa.BinOp)
		if !ok || (b.Op != token.EQL && b.Op != token.NEQ) {
			continue
		}
		if g := sentinelCompared(b, target); g != nil && !containsGlobal(out, g) {
			out = append(out, g)
		}
	}
	return out
}

// sentinelCompared returns G if b compares target with the sentinel G.
func sentinelCompared(b *ssa.BinOp, target ssa.Value) *ssa.Global {
	switch target {
	case b.X:
		return sentinelOf(b.Y)
	case b.Y:
		return sentinelOf(b.X)
	}
	return nil
}

func containsGlobal(gs []*ssa.Global, g *ssa.Global) bool {
	for _, h := range gs {
		if h == g {
			return true
		}
	}
	return false
}

// An isRun follows the Is method's paths with target equal to sentinel.
type isRun struct {
	target   ssa.Value
	sentinel *ssa.Global
	steps    int
}

// alwaysTrue reports whether every return reachable from b (entered from
// the block from, with the φ choices made so far) returns true. A panic
// returns nothing; a loop or a path past the budget counts as false.
func (r *isRun) alwaysTrue(b, from *ssa.BasicBlock, phis map[*ssa.Phi]ssa.Value, onPath map[*ssa.BasicBlock]bool) bool {
	if r.steps--; r.steps < 0 || onPath[b] {
		return false
	}
	if from != nil {
		phis = maps.Clone(phis)
		if phis == nil {
			phis = make(map[*ssa.Phi]ssa.Value)
		}
		for _, instr := range b.Instrs {
			phi, ok := instr.(*ssa.Phi)
			if !ok {
				break
			}
			for i, p := range b.Preds {
				if p == from {
					phis[phi] = phi.Edges[i]
				}
			}
		}
	}
	onPath[b] = true
	defer delete(onPath, b)
	switch last := b.Instrs[len(b.Instrs)-1].(type) {
	case *ssa.Return:
		v, known := r.eval(last.Results[0], phis, 0)
		return known && v
	case *ssa.If:
		if v, known := r.eval(last.Cond, phis, 0); known {
			next := b.Succs[1]
			if v {
				next = b.Succs[0]
			}
			return r.alwaysTrue(next, b, phis, onPath)
		}
		return r.alwaysTrue(b.Succs[0], b, phis, onPath) && r.alwaysTrue(b.Succs[1], b, phis, onPath)
	case *ssa.Jump:
		return r.alwaysTrue(b.Succs[0], b, phis, onPath)
	case *ssa.Panic:
		return true
	}
	return false
}

// eval returns the value of the bool v on the current path, if known: a
// constant, a comparison of target with a sentinel, a negation, a φ
// whose edge the path chose.
func (r *isRun) eval(v ssa.Value, phis map[*ssa.Phi]ssa.Value, depth int) (value, known bool) {
	if depth > maxIsMethodSteps {
		return false, false
	}
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value != nil && v.Value.Kind() == constant.Bool {
			return constant.BoolVal(v.Value), true
		}
	case *ssa.BinOp:
		if v.Op != token.EQL && v.Op != token.NEQ {
			return false, false
		}
		g := sentinelCompared(v, r.target)
		if g == nil {
			return false, false
		}
		return (g == r.sentinel) == (v.Op == token.EQL), true
	case *ssa.UnOp:
		if v.Op == token.NOT {
			x, known := r.eval(v.X, phis, depth+1)
			return !x, known
		}
	case *ssa.Phi:
		if edge, ok := phis[v]; ok {
			return r.eval(edge, phis, depth+1)
		}
	}
	return false, false
}
