package referents

import (
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
)

// errorsIsFacts returns what holds when a test of an error against
// sentinels is false: errors.Is(err, ErrGone) called directly, a helper of
// the package that returns such a test or a disjunction of them
// (func gone(err error) bool { return errors.Is(err, A) || errors.Is(err, B) }),
// or such a call reached past earlier false tests of the same error
// (if errors.Is(err, A) || errors.Is(err, B) { return }). err is none of the
// sentinels, so the results that are nil only with one of them are non-nil.
func (w *walker) errorsIsFacts(call *ssa.Call) []fact {
	err, not := w.c.errorsIsCall(call.Common(), 0)
	if err == nil {
		return nil
	}
	err = w.c.canon(err)
	not = not.union(excludedOnPath(call.Block(), err, w.c, 0))
	var facts []fact
	for _, p := range w.c.guardedByError(err, func(r MaybeNil) bool {
		return len(r.Sentinels) > 0 && not.excludesAll(r.Sentinels)
	}) {
		facts = append(facts, fact{p, true})
	}
	return facts
}

// excludesAll reports whether every group of keys has one that e
// excludes: an error matching every key of one of the groups is not e's.
func (e exclusion) excludesAll(groups [][]string) bool {
	for _, g := range groups {
		if !e.all && !slices.ContainsFunc(g, func(k string) bool { return e.keys[k] }) {
			return false
		}
	}
	return true
}

// An exclusion is what a false test tells of an error: the keys
// (errkeys.go) it does not match. all marks a path on which the test
// cannot be false (return true), which excludes everything.
type exclusion struct {
	all  bool
	keys map[string]bool
}

func exclude(keys ...string) exclusion {
	e := exclusion{keys: make(map[string]bool, len(keys))}
	for _, k := range keys {
		e.keys[k] = true
	}
	return e
}

func (e exclusion) union(f exclusion) exclusion {
	if e.all || f.all {
		return exclusion{all: true}
	}
	out := exclude()
	for k := range e.keys {
		out.keys[k] = true
	}
	for k := range f.keys {
		out.keys[k] = true
	}
	return out
}

func (e exclusion) intersect(f exclusion) exclusion {
	switch {
	case e.all:
		return f
	case f.all:
		return e
	}
	out := exclude()
	for k := range e.keys {
		if f.keys[k] {
			out.keys[k] = true
		}
	}
	return out
}

// maxErrorsIsDepth bounds the helpers, phis and dominators looked through.
const maxErrorsIsDepth = 4

// errorsIsCall returns the error that common tests, and the sentinels it
// is not when the call returns false: errors.Is(err, sentinel), or a call
// of a helper of the package each of whose returns is false only where
// its error parameter was tested against sentinels (errorsIsHelper).
func (c *checker) errorsIsCall(common *ssa.CallCommon, depth int) (ssa.Value, exclusion) {
	if callee := common.StaticCallee(); callee != nil && callee.Pkg != nil &&
		callee.Pkg.Pkg.Path() == "errors" && len(common.Args) == 2 {
		switch callee.Name() {
		case "Is":
			if g := sentinelOf(common.Args[1]); g != nil {
				// (anySentinel: an error whose Is method
				// cannot be read may be the one matched.)
				return common.Args[0], exclude(globalName(g), anySentinel)
			}
		case "As":
			// var ev *EvictedError; errors.As(err, &ev)
			if t := asTarget(common.Args[1]); t != "" {
				return common.Args[0], exclude(t)
			}
		}
		return nil, exclusion{}
	}
	fn := localCallee(common)
	if fn == nil {
		// Another package's helper: its CheckFact.
		if f := c.checksOf(common); f != nil && len(f.ErrIsNot) > 0 && f.ErrIs < len(common.Args) {
			return common.Args[f.ErrIs], exclude(f.ErrIsNot...)
		}
		return nil, exclusion{}
	}
	if depth >= maxErrorsIsDepth || fn.Signature.Results().Len() != 1 || !isBool(fn.Signature.Results().At(0).Type()) {
		return nil, exclusion{}
	}
	param, not := c.errorsIsOfDepth(fn, depth)
	if param < 0 || param >= len(common.Args) {
		return nil, exclusion{}
	}
	return common.Args[param], not
}

// errorsIsOf returns the index of the error parameter that fn, a helper of
// this package, tests against sentinels or types (-1 if none), and what
// that parameter does not match when fn returns false.
func (c *checker) errorsIsOf(fn *ssa.Function) (int, exclusion) { return c.errorsIsOfDepth(fn, 0) }

func (c *checker) errorsIsOfDepth(fn *ssa.Function, depth int) (int, exclusion) {
	m, memo := c.errorsIs[fn]
	if !memo {
		m = errorsIsMemo{param: -1}
		for i, p := range fn.Params {
			if !isErrorType(p.Type()) {
				continue
			}
			if not, ok := c.errorsIsHelper(fn, p, depth+1); ok {
				m = errorsIsMemo{param: i, not: not}
				break
			}
		}
		if depth == 0 {
			// (Deeper, the bound may cut what is excluded: keep only
			// the full answer.)
			c.errorsIs[fn] = m
		}
	}
	return m.param, m.not
}

// An errorsIsMemo is what errorsIsCall found of a helper: the index of the
// error parameter it tests (-1 if none), and what it excludes when false.
type errorsIsMemo struct {
	param int
	not   exclusion
}

// errorsIsHelper returns the sentinels that the error parameter p of fn is
// not when fn returns false: what every return excludes, through the value
// returned (falseExclusion) and the tests that failed on the way to it.
func (c *checker) errorsIsHelper(fn *ssa.Function, p *ssa.Parameter, depth int) (exclusion, bool) {
	not, returns := exclusion{all: true}, 0
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) != 1 {
			continue
		}
		returns++
		e := c.falseExclusion(ret.Results[0], p, depth).union(excludedOnPath(b, p, c, depth))
		not = not.intersect(e)
	}
	if returns == 0 || not.all || len(not.keys) == 0 {
		return exclusion{}, false
	}
	return not, true
}

// falseExclusion returns the sentinels err is not where the bool value v
// is false: v is the constant true (never false), a test of err, or a phi
// (a || b) each of whose edges excludes them, with the tests that failed
// on the way to that edge.
func (c *checker) falseExclusion(v, err ssa.Value, depth int) exclusion {
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value != nil && v.Value.String() == "true" {
			return exclusion{all: true}
		}
	case *ssa.Call:
		if e, not := c.errorsIsCall(v.Common(), depth+1); e != nil && c.canon(e) == err {
			return not
		}
	case *ssa.Phi:
		if depth >= maxErrorsIsDepth {
			return exclusion{}
		}
		out := exclusion{all: true}
		for i, edge := range v.Edges {
			pred := v.Block().Preds[i]
			e := c.falseExclusion(edge, err, depth+1).
				union(edgeExclusion(pred, v.Block(), err, c, depth+1)).
				union(excludedOnPath(pred, err, c, depth+1))
			out = out.intersect(e)
		}
		return out
	}
	return exclusion{}
}

// excludedOnPath returns the sentinels err is known not to be at the start
// of b: the tests of err whose false edge leads down the dominator tree to b.
func excludedOnPath(b *ssa.BasicBlock, err ssa.Value, c *checker, depth int) exclusion {
	out := exclusion{}
	for n := 0; b.Idom() != nil && n < 64; n++ {
		d := b.Idom()
		if len(b.Preds) == 1 && b.Preds[0] == d {
			out = out.union(edgeExclusion(d, b, err, c, depth))
		}
		b = d
	}
	return out
}

// edgeExclusion returns the sentinels err is not on the edge from pred to
// succ: pred ends in a test of err and succ is its false successor.
func edgeExclusion(pred, succ *ssa.BasicBlock, err ssa.Value, c *checker, depth int) exclusion {
	if len(pred.Succs) != 2 || pred.Succs[0] == pred.Succs[1] || succ != pred.Succs[1] || depth >= maxErrorsIsDepth {
		return exclusion{}
	}
	ifInstr, ok := pred.Instrs[len(pred.Instrs)-1].(*ssa.If)
	if !ok {
		return exclusion{}
	}
	call, ok := ifInstr.Cond.(*ssa.Call)
	if !ok {
		return exclusion{}
	}
	if e, not := c.errorsIsCall(call.Common(), depth+1); e != nil && c.canon(e) == err {
		return not
	}
	return exclusion{}
}
