package referents

import (
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// A deferred closure runs when its function returns, not where it is made:
//
//	func (t *Tracker) Touch(user string) (prev string, ok bool) {
//		s, ok := t.sessions.Load(user)
//		defer func() { if ok { s.SetStatus("seen") } }()
//		if !ok { return "", false }
//		return s.Status(), true
//	}
//
// The named result ok that it tests holds, at each return, what that return
// stored: false where s may be nil, true only past the check. So the
// closure's paths begin at its function's exits: the path search
// (paths.go), reaching the closure's entry, goes on to each exit that
// follows the defer statement, where the variables the closure only reads
// hold the value stored last, and the function's facts there hold. A path
// with which no exit agrees is impossible.

// A deferredRun is where a deferred closure runs: the exits (RunDefers) of
// its function reachable from its defer statement, with the facts of the
// function's walk there.
type deferredRun struct {
	parent *walker
	exits  []exitState
	fixed  map[*ssa.Alloc]bool    // memo of onlyStoredHere
	stored map[exitCell]ssa.Value // memo of storeBefore
}

// An exitCell is a variable at an exit.
type exitCell struct {
	alloc *ssa.Alloc
	at    *ssa.RunDefers
}

// maxDeferredExits bounds the exits a deferred closure's paths go on to,
// so that the search stays linear in the closure's size; past it, the
// closure's entry is reached on a path where anything may hold.
const maxDeferredExits = 32

// An exitState is one exit of a function and the facts that hold there.
type exitState struct {
	at    *ssa.RunDefers
	facts scope
}

// recordDeferredRuns records, for each closure the walked function defers
// once and outside a loop, the exits where it runs.
func (w *walker) recordDeferredRuns() {
	for _, d := range w.deferStmts {
		fn := d.Call.Value.(*ssa.MakeClosure).Fn.(*ssa.Function)
		reach, inLoop := reachableFrom(d.Block())
		if inLoop {
			continue // each iteration's closure reads its own variables
		}
		run := &deferredRun{parent: w, fixed: make(map[*ssa.Alloc]bool), stored: make(map[exitCell]ssa.Value)}
		for _, e := range w.runDefers {
			if reach[e.at.Block().Index] {
				run.exits = append(run.exits, e)
			}
		}
		if len(run.exits) <= maxDeferredExits {
			w.c.deferredRuns[fn] = run
		}
	}
}

// deferredOnce returns the defer statement that calls the closure mc, if
// that is all that is done with it.
func deferredOnce(mc *ssa.MakeClosure) *ssa.Defer {
	var d *ssa.Defer
	for _, ref := range *mc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.Defer:
			if d != nil || ref.Call.Value != ssa.Value(mc) {
				return nil
			}
			for _, a := range ref.Call.Args {
				if a == ssa.Value(mc) {
					return nil
				}
			}
			d = ref
		default:
			return nil
		}
	}
	return d
}

// reachableFrom returns the blocks reachable from b (b included), and
// whether b is reachable from itself (it is in a loop).
func reachableFrom(b *ssa.BasicBlock) (reach []bool, inLoop bool) {
	reach = make([]bool, len(b.Parent().Blocks))
	stack := []*ssa.BasicBlock{b}
	reach[b.Index] = true
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, s := range x.Succs {
			if s == b {
				inLoop = true
			}
			if !reach[s.Index] {
				reach[s.Index] = true
				stack = append(stack, s)
			}
		}
	}
	return reach, inLoop
}

// admits reports whether the constraints facts, on the values of the
// deferred closure w.fn at its entry, agree with one of its exits.
func (run *deferredRun) admits(w *walker, facts []fact) bool {
	if len(run.exits) == 0 {
		return true // it runs on a panic only: nothing known
	}
	for _, e := range run.exits {
		agrees := true
		for _, f := range facts {
			if run.contradicts(w, e, f) {
				agrees = false
				break
			}
		}
		if agrees {
			return true
		}
	}
	return false
}

// contradicts reports whether the fact f, on a value of the closure w.fn,
// is false at exit e of its function.
func (run *deferredRun) contradicts(w *walker, e exitState, f fact) bool {
	v := run.exitValue(w, e, f.value)
	if v == nil {
		return false
	}
	n := constNilness(v)
	if n == unknown {
		n = run.parent.nilness(e.facts, v)
	}
	if n == unknown && types.IsInterface(v.Type()) && surelyNonNilError(v, 0) {
		n = nonNil
	}
	return n != unknown && n != toNilness(f.nonNil)
}

// exitValue returns what v, a value of the deferred closure w.fn, is at
// exit e: for a load of a variable of the function that the closure only
// reads, the value last stored in it; the closure's own values are not
// known there (nil); others (the function's values) are themselves.
func (run *deferredRun) exitValue(w *walker, e exitState, v ssa.Value) ssa.Value {
	if alloc := w.exitFixedCell(v); alloc != nil {
		key := exitCell{alloc, e.at}
		st, memo := run.stored[key]
		if !memo {
			if st = storeBefore(alloc, e.at); st != nil {
				st = w.c.canon(st)
			}
			run.stored[key] = st
		}
		return st
	}
	switch v := v.(type) {
	case ssa.Instruction:
		if v.Parent() == w.fn {
			return nil
		}
	case *ssa.Parameter:
		if v.Parent() == w.fn {
			return nil
		}
	case *ssa.FreeVar:
		return nil
	}
	return v
}

// exitFixedCell returns the variable that v loads, if w.fn is a deferred
// closure, v a load of a variable of its function captured by it, and
// only that function stores to the variable: its value does not change
// while the closure runs, and is what the function stored last before
// the exit.
func (w *walker) exitFixedCell(v ssa.Value) *ssa.Alloc {
	run := w.c.deferredRuns[w.fn]
	if run == nil {
		return nil
	}
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	fv, ok := load.X.(*ssa.FreeVar)
	if !ok || fv.Parent() != w.fn {
		return nil
	}
	alloc, ok := w.c.bindings[fv].(*ssa.Alloc)
	if !ok || alloc.Parent() != run.parent.fn {
		return nil
	}
	fixed, memo := run.fixed[alloc]
	if !memo {
		fixed = onlyStoredHere(alloc)
		run.fixed[alloc] = fixed
	}
	if !fixed {
		return nil
	}
	return alloc
}
