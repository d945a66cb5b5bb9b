package referents

import (
	"go/token"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
)

// walker visits one function's blocks in dominator-tree order, keeping the
// facts that hold in the current block, as passes/nilness does, in a
// persistent stack (scope.go) so that the walk is linear in the function.
type walker struct {
	c       *checker
	fn      *ssa.Function
	origins map[ssa.Value]*origin
	exits   map[*ssa.BasicBlock]*factNode // facts at the end of each visited block
	index   factIndex
	seq     int
	seen    []bool
	order   []int // reverse postorder number of each block
	returns []returnState
	uses    []Use

	pathBudget   int                      // steps left for nonNilOnEveryPath (paths.go)
	gone         []bool                   // blocks reached when a referent is gone (gone.go), once asked
	elemStores   map[ssa.Instruction]bool // unchecked referents stored into elements, map values, channels (elems.go)
	sliceOrigins map[ssa.Value]*origin    // localSliceOrigin's answer for each local slice read (elems.go)
	searching    map[ssa.Value]bool       // the local containers whose stores localElemOrigin is searching
	fieldStores  []uncheckedFieldStore    // unchecked referents stored into struct fields (storedfields.go)
	boxedUsed    map[ssa.Value]bool       // boxed results on which a dereferencing method was invoked (boxed.go)
	outStores    map[int][]ssa.Value      // unchecked referents stored through each parameter (outparams.go)

	runDefers  []exitState  // the exits, where deferred calls run (deferred.go)
	deferStmts []*ssa.Defer // closures deferred once: defer func() { ... }()

	callbacks       []Callback                // parameters called with an unchecked referent (callbacks.go)
	sendsOn         []int                     // channel parameters sent an unchecked referent on, sorted (sendson.go)
	elemFieldStores map[ssa.Instruction][]int // stores of structs into elements with unchecked referents in these fields (elemfields.go)
	nestedChanged   bool                      // a closure nested here called an outer function's parameter so (callbacks.go)
	pendingCalls    map[*ssa.Function]bool    // closures made here and only called: no call seen yet
	calledClosures  map[*ssa.Function]bool    // such closures whose calls were seen
}

// returnState is what a Return instruction returns, with the facts that hold there.
type returnState struct {
	ret   *ssa.Return
	facts scope
}

func (c *checker) walk(fn *ssa.Function) *walker {
	w := &walker{
		c:       c,
		fn:      fn,
		origins: make(map[ssa.Value]*origin),
		exits:   make(map[*ssa.BasicBlock]*factNode),
		index:   make(factIndex),
		seen:    make([]bool, len(fn.Blocks)),
		order:   reversePostorder(fn),

		pathBudget: pathBudgetBase + pathBudgetPerBlock*len(fn.Blocks),

		pendingCalls:   make(map[*ssa.Function]bool),
		calledClosures: make(map[*ssa.Function]bool),
	}
	if len(fn.Blocks) > 0 {
		entry := fn.Blocks[0]
		w.visit(entry, w.pushAll(nil, c.closureFacts[fn], entry))
	}
	w.recordDeferredRuns()
	return w
}

func (w *walker) visit(b *ssa.BasicBlock, top *factNode) {
	if w.seen[b.Index] {
		return
	}
	w.seen[b.Index] = true

	for _, instr := range b.Instrs {
		switch instr := instr.(type) {
		case *ssa.Phi:
			w.origins[instr] = w.phiOrigin(instr)
			continue
		case *ssa.MakeClosure:
			w.bindFreeVars(instr, scope{top: top})
		case *ssa.Return:
			w.returns = append(w.returns, returnState{instr, scope{top: top}})
			w.recordReturnedRecall(instr, scope{top: top})
		case *ssa.RunDefers:
			w.runDefers = append(w.runDefers, exitState{instr, scope{top: top}})
		case *ssa.Go, *ssa.Defer:
			w.closureCalled(instr.(ssa.CallInstruction), scope{top: top})
		case *ssa.Store, *ssa.MapUpdate, *ssa.Send:
			w.recordElemStore(instr, scope{top: top}) // out = append(out, w.Value()); m[k] = w.Value(); ch <- w.Value()
			if send, ok := instr.(*ssa.Send); ok {
				w.recordChanFieldSend(send, scope{top: top}) // s.queue <- w.Value()
				w.recordSends(send, scope{top: top})         // go func() { ch <- w.Value() }()
			}
			if st, ok := instr.(*ssa.Store); ok {
				w.recordFieldStore(st, b, scope{top: top}) // r.focus = w.Value()
				w.recordOutStore(st, scope{top: top})      // *dst = w.Value()
			}
		case *ssa.Select:
			w.recordSends(instr, scope{top: top}) // select { case ch <- w.Value(): }
		case *ssa.Call:
			w.closureCalled(instr, scope{top: top})
			w.recordCallback(instr, scope{top: top})
			w.recordCalleeSends(instr) // go func() { s.proj.Replay(ctx, ch) }()
			// assert(v != nil, ...) or mustLive(t, v) returned: its
			// condition holds, v is non-nil.
			top = w.pushAll(top, w.assertedFacts(instr.Common()), b)
		}
		if v, o := w.boxedInvoke(instr); o != nil {
			w.recordUse(instr, v, o, scope{top: top}) // h := r.Hook(id); if h != nil { h.Rename(n) }
		}
		for _, v := range w.dereferenced(instr) {
			v = w.c.canon(v)
			o := w.originOf(v)
			if o == nil || w.nilness(scope{top: top}, v) == nonNil || w.derivedNilness(scope{top: top}, v) == nonNil {
				continue
			}
			if w.nonNilOnEveryPath(b, v) {
				top = w.push(top, v, true, b)
				continue
			}
			w.recordUse(instr, v, o, scope{top: top})
			// Past a dereference the value is non-nil, or we panicked:
			// report each unchecked value once per path.
			top = w.push(top, v, true, b)
		}
	}
	w.exits[b] = top

	onTrue, onFalse := w.branchFacts(b)
	for _, d := range w.children(b) {
		s := top
		if w.soleLivePred(d) == b && len(b.Succs) == 2 {
			switch d {
			case b.Succs[0]:
				s = w.pushAll(s, onTrue, d)
			case b.Succs[len(b.Succs)-1]:
				s = w.pushAll(s, onFalse, d)
			}
		}
		w.visit(d, s)
	}
}

// children returns b's children in the dominator tree in reverse postorder,
// so that a block is visited after every block with an edge into it (but
// for loops' back edges): its phis then see the facts of all their edges.
func (w *walker) children(b *ssa.BasicBlock) []*ssa.BasicBlock {
	kids := b.Dominees()
	if len(kids) > 1 {
		kids = slices.Clone(kids)
		slices.SortFunc(kids, func(x, y *ssa.BasicBlock) int { return w.order[x.Index] - w.order[y.Index] })
	}
	return kids
}

func reversePostorder(fn *ssa.Function) []int {
	order := make([]int, len(fn.Blocks))
	seen := make([]bool, len(fn.Blocks))
	n := len(fn.Blocks)
	var dfs func(b *ssa.BasicBlock)
	dfs = func(b *ssa.BasicBlock) {
		seen[b.Index] = true
		for _, s := range b.Succs {
			if !seen[s.Index] {
				dfs(s)
			}
		}
		n--
		order[b.Index] = n
	}
	if len(fn.Blocks) > 0 {
		dfs(fn.Blocks[0])
	}
	return order
}

// originOf returns the origin of v if v may be a reclaimed referent.
func (w *walker) originOf(v ssa.Value) *origin {
	v = w.c.canon(v)
	if o, ok := w.origins[v]; ok {
		return o
	}
	var o *origin
	switch v := v.(type) {
	case *ssa.Call:
		if o = w.c.callOrigin(v, 0, false); o == nil {
			o = w.cmpOrOrigin(v) // cmp.Or(a(), b()) (cmpor.go)
		}
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			o = w.c.callOrigin(call, v.Index, true)
		} else if _, ok := v.Tuple.(*ssa.TypeAssert); ok {
			o = w.assertedOrigin(v) // switch v := r.Raw(id).(type) { case *Job: v.X }
		} else {
			o = w.elemOrigin(v) // e, ok := index()[id]; for _, d := range docs { d.X }
		}
	case *ssa.Phi:
		return nil // not visited yet (a loop's back edge): known at its block
	case *ssa.UnOp, *ssa.Field:
		if load, ok := v.(*ssa.UnOp); ok {
			if call, _ := w.c.outLoad(load); call != nil {
				o = &origin{call: call, wrapper: true, out: true} // var j *Job; r.Load(id, &j); j.X
				break
			}
		}
		if o = w.c.fieldOrigin(v); o == nil {
			o = w.elemOrigin(v) // for _, a := range atlases() { a.Tex }
		}
		if o == nil {
			o = w.storedFieldOrigin(v) // r.focus, stored unchecked by another method
		}
		if o == nil {
			o = w.c.elemFieldOrigin(v) // for _, j := range s.Requeue(ls) { j.Target } (elemfields.go)
		}
	case *ssa.TypeAssert:
		o = w.assertedOrigin(v) // r.Raw(id).(*Job).X
	case *ssa.Lookup:
		o = w.elemOrigin(v) // byName()[k].X
	case *ssa.Parameter:
		o = w.c.paramOrigin(v)
	}
	w.origins[v] = o
	return o
}

// elemOrigin returns the origin of v if it reads an element of a
// container whose elements may be reclaimed referents (elems.go).
func (w *walker) elemOrigin(v ssa.Value) *origin {
	if o := w.c.elemOrigin(v); o != nil {
		return o
	}
	if o := w.chanFieldOrigin(v); o != nil {
		return o // case j := <-s.queue, sent unchecked by another method
	}
	if o := w.localElemOrigin(v); o != nil {
		return o
	}
	return w.chanOrigin(v) // for t := range ch, sent on by a goroutine (chans.go)
}

// phiOrigin returns an origin of the phi if, along some incoming edge, the
// value is a possibly reclaimed referent not known to be non-nil there.
func (w *walker) phiOrigin(phi *ssa.Phi) *origin {
	for i, edge := range phi.Edges {
		edge = w.c.canon(edge)
		o := w.originOf(edge)
		if o == nil {
			continue
		}
		pred := phi.Block().Preds[i]
		if w.c.deadEnd(pred) {
			continue
		}
		if w.nilness(w.edgeFacts(pred, phi.Block()), edge) != nonNil && !w.derefedBefore(edge, phi.Edges[i], pred) {
			return o
		}
	}
	return nil
}

// derefedBefore reports whether v (canonical, read as raw) is dereferenced
// on every path to the end of pred, a loop's back edge that the walk has
// not reached yet (so its dereference facts are unknown): an instruction
// that dereferences it in a block that dominates pred. The value's
// definition dominates that block, so every path to pred that defines v
// passes the dereference afterwards; had v been nil, it would not have
// reached the back edge:
//
//	for p := n; ...; {
//		p = p.parent.Value() // (the p.parent of the next turn)
//		use(p.bounds)        // p is non-nil on the back edge
//	}
func (w *walker) derefedBefore(v, raw ssa.Value, pred *ssa.BasicBlock) bool {
	if _, visited := w.exits[pred]; visited {
		return false // its facts, dereferences included, were asked
	}
	for _, x := range []ssa.Value{v, raw} {
		refs := x.Referrers()
		if refs == nil {
			continue
		}
		for _, ref := range *refs {
			if ref.Block() == nil || !ref.Block().Dominates(pred) {
				continue
			}
			for _, d := range w.dereferenced(ref) {
				if w.c.canon(d) == v {
					return true
				}
			}
		}
	}
	return false
}

// edgeFacts returns the facts that hold on the edge from pred to succ.
func (w *walker) edgeFacts(pred, succ *ssa.BasicBlock) scope {
	top, visited := w.exits[pred]
	var extra []fact
	if !visited {
		// A loop's back edge: what the branches above pred established.
		extra = w.dominatingBranchFacts(pred)
	}
	onTrue, onFalse := w.branchFacts(pred)
	switch {
	case len(pred.Succs) == 2 && succ == pred.Succs[0]:
		extra = append(extra, onTrue...)
	case len(pred.Succs) == 2 && succ == pred.Succs[1]:
		extra = append(extra, onFalse...)
	}
	return scope{top: top, extra: extra}
}

// dominatingBranchFacts returns the facts learned on the branches that lead
// from the entry down the dominator tree to b (without dereference facts).
func (w *walker) dominatingBranchFacts(b *ssa.BasicBlock) []fact {
	var facts []fact
	for c := b; c.Idom() != nil; c = c.Idom() {
		d := c.Idom()
		if w.soleLivePred(c) != d || len(d.Succs) != 2 {
			continue
		}
		onTrue, onFalse := w.branchFacts(d)
		switch c {
		case d.Succs[0]:
			facts = append(facts, onTrue...)
		case d.Succs[1]:
			facts = append(facts, onFalse...)
		}
	}
	return facts
}

// soleLivePred returns the only predecessor of b from which control can
// arrive, ignoring blocks that end the goroutine or the program (a call of
// t.Fatal through testing.TB, or of this package's own fatal helpers), or nil.
func (w *walker) soleLivePred(b *ssa.BasicBlock) *ssa.BasicBlock {
	var live *ssa.BasicBlock
	for _, p := range b.Preds {
		if w.c.deadEnd(p) {
			continue
		}
		if live != nil {
			return nil
		}
		live = p
	}
	return live
}

// bindFreeVars records what the closure's free variables stand for, and the
// facts that hold for them when the closure is made (a closure made inside
// if v != nil { ... } may use v).
func (w *walker) bindFreeVars(mc *ssa.MakeClosure, at scope) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || fn.Synthetic != "" && !isRangeBody(fn) {
		return
	}
	for i, b := range mc.Bindings {
		if i < len(fn.FreeVars) {
			w.c.bindings[fn.FreeVars[i]] = b
		}
	}
	w.c.closureFacts[fn] = w.bindingFacts(mc, fn, at)
	if onlyCalled(mc) {
		w.pendingCalls[fn] = true
	}
	if d := deferredOnce(mc); d != nil {
		w.deferStmts = append(w.deferStmts, d)
	}
}

// isRangeBody reports whether fn is the body of a range-over-func loop,
// which the SSA builder makes a synthetic closure of the function's own
// code (walked as such): an iterator that ranges over another to yield
// (for k, w := range m.Refs() { if !yield(k, w.Value()) { return } }).
func isRangeBody(fn *ssa.Function) bool {
	return fn.Synthetic == "range-over-func yield"
}

// bindingFacts returns what is known at scope at of the values a closure
// is bound to.
func (w *walker) bindingFacts(mc *ssa.MakeClosure, fn *ssa.Function, at scope) []fact {
	var facts []fact
	for i, b := range mc.Bindings {
		if i >= len(fn.FreeVars) {
			break
		}
		v := w.c.canon(b)
		if stored := w.c.cellValue(b); stored != nil {
			v = w.c.canon(stored) // a captured variable: what it holds
		}
		if n := w.nilness(at, v); n != unknown {
			facts = append(facts, fact{v, n == nonNil})
		}
	}
	return facts
}

// closureCalled records, for a closure that is only ever called where it
// is made (send := func() { l.Notify(ev) }; if l == nil { return }; send()),
// what holds at the call: the closure runs there, not where it was made,
// so the facts of its body are those common to all its calls.
func (w *walker) closureCalled(call ssa.CallInstruction, at scope) {
	mc, ok := call.Common().Value.(*ssa.MakeClosure)
	if !ok {
		return
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || fn.Synthetic != "" {
		return
	}
	facts := w.bindingFacts(mc, fn, at)
	switch {
	case w.pendingCalls[fn]:
		w.pendingCalls[fn] = false
		w.calledClosures[fn] = true
		w.c.closureFacts[fn] = facts
	case w.calledClosures[fn]:
		w.c.closureFacts[fn] = intersectFacts(w.c.closureFacts[fn], facts)
	}
}

// onlyCalled reports whether every use of the closure mc calls it (a call,
// go or defer statement of it), so it runs nowhere else.
func onlyCalled(mc *ssa.MakeClosure) bool {
	for _, ref := range *mc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			common := ref.Common()
			if common.Value != ssa.Value(mc) {
				return false
			}
			for _, a := range common.Args {
				if a == ssa.Value(mc) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

func intersectFacts(a, b []fact) []fact {
	var out []fact
	for _, f := range a {
		for _, g := range b {
			if f == g {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// branchFacts returns the facts learned on the true and false edges of the
// If that ends b, if any.
func (w *walker) branchFacts(b *ssa.BasicBlock) (onTrue, onFalse []fact) {
	if len(b.Instrs) == 0 {
		return nil, nil
	}
	if ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
		onTrue, onFalse := w.condFacts(ifInstr.Cond)
		return w.withNilResultFacts(ifInstr.Cond, onTrue, onFalse) // nilresults.go
	}
	return nil, nil
}

// condFacts returns what is known when cond is true and when it is false.
func (w *walker) condFacts(cond ssa.Value) (onTrue, onFalse []fact) {
	// (if !ok, with ok a variable that a closure reads: the value stored.)
	switch cond := w.c.canon(cond).(type) {
	case *ssa.UnOp:
		if cond.Op == token.NOT {
			t, f := w.condFacts(cond.X)
			return f, t
		}
	case *ssa.BinOp:
		if cond.Op != token.EQL && cond.Op != token.NEQ {
			return nil, nil
		}
		var v ssa.Value
		switch {
		case isNilConst(cond.Y):
			v = cond.X
		case isNilConst(cond.X):
			v = cond.Y
		case isPointer(cond.X.Type()):
			// v == p, with p another pointer: the author holds the referent
			// strongly (as in weak.Make(p) ... w.Value() == p); where they
			// are equal, take v to be as non-nil as that strong pointer. Two
			// possibly reclaimed referents are equal when both are nil.
			x, y := w.c.canon(cond.X), w.c.canon(cond.Y)
			if w.originOf(x) != nil && w.originOf(y) != nil {
				return comparisonFacts(cond) // see equalNilness
			}
			same := []fact{{x, true}, {y, true}}
			if cond.Op == token.EQL {
				return same, nil
			}
			return nil, same
		case isBool(cond.X.Type()):
			if x, same, ok := boolConstComparison(cond); ok {
				// l.Found == false: what l.Found says.
				t, f := w.condFacts(x)
				if same {
					return append(t, fact{cond, true}), append(f, fact{cond, false})
				}
				return append(f, fact{cond, true}), append(t, fact{cond, false})
			}
			// lnil != rnil: kept as a plain bool, see derivedNilness.
			return []fact{{cond, true}}, []fact{{cond, false}}
		default:
			return nil, nil
		}
		v = w.c.canon(unwrapConversion(v))
		isNil, notNil := w.nilFacts(v), []fact{{v, true}}
		if cond.Op == token.EQL {
			return isNil, notNil
		}
		return notNil, isNil
	case *ssa.Extract:
		for _, p := range w.c.okPartners(w.c.canon(cond)) {
			onTrue = append(onTrue, fact{p, true})
		}
		if call, ok := cond.Tuple.(*ssa.Call); ok {
			onTrue = append(onTrue, w.c.outFacts(call, cond.Index)...) // ok, err := r.Load(id, &j)
		}
		return onTrue, nil
	case *ssa.Call:
		if facts := w.errorsIsFacts(cond); facts != nil {
			return nil, facts
		}
		if facts := w.c.outFacts(cond, 0); facts != nil {
			return facts, nil // if !r.Load(id, &j) { return }
		}
		if g := w.c.checksOf(cond.Common()); g != nil && len(g.IfTrue)+len(g.IfFalse)+len(g.IfTrueFields)+len(g.IfFalseFields) > 0 {
			n := len(cond.Common().Args)
			for _, i := range g.IfTrue {
				if i < n {
					onTrue = append(onTrue, fact{w.c.argValue(cond.Common(), i), true})
				}
			}
			for _, i := range g.IfFalse {
				if i < n {
					onFalse = append(onFalse, fact{w.c.argValue(cond.Common(), i), true})
				}
			}
			onTrue = append(onTrue, w.c.checkedFieldFacts(cond.Common(), g.IfTrueFields)...) // if sa.Live() { sa.Flush() }
			onFalse = append(onFalse, w.c.checkedFieldFacts(cond.Common(), g.IfFalseFields)...)
			return onTrue, onFalse
		}
		return onTrue, nil
	}
	if isBool(cond.Type()) {
		// A plain bool (a parameter, say): true on one side, false on
		// the other (nonNil stands for true), for assert-like helpers;
		// the ok field of a struct result guards its partners.
		onTrue = []fact{{cond, true}}
		for _, p := range w.c.fieldOKPartners(cond) {
			onTrue = append(onTrue, fact{p, true})
		}
		return onTrue, []fact{{cond, false}}
	}
	return nil, nil
}

// nilFacts returns what holds where v is nil: that, and for an error, what
// its being nil guards (err == nil after a validating call: its checked
// arguments; after a call returning nil only with an error: its results).
func (w *walker) nilFacts(v ssa.Value) []fact {
	return append([]fact{{v, false}}, w.errGuardFacts(v)...)
}

// unwrapConversion looks through conversions between pointer types. (Not
// through conversions to interfaces: any(v) != nil holds for a nil *T.)
func unwrapConversion(v ssa.Value) ssa.Value {
	for {
		switch c := v.(type) {
		case *ssa.ChangeType:
			v = c.X
		default:
			return v
		}
	}
}

func isNilConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// derivedNilness tells whether v is known nil or non-nil through booleans
// that compare nil-ness, as in
//
//	lnil, rnil := l == nil, r == nil
//	if lnil != rnil { return false }
//	if l != nil { use(r) } // r != nil too
//
// or through a comparison with another pointer known non-nil
// (equalNilness). It looks only at the comparisons of v with nil or
// another pointer and the comparisons of those with another such bool, so
// its cost is bounded by v's uses.
func (w *walker) derivedNilness(s scope, v ssa.Value) nilness {
	for _, ref := range *v.Referrers() {
		bv, vTrueIsNil, ok := nilComparison(ref, v)
		if !ok {
			continue
		}
		for _, ref2 := range *bv.Referrers() {
			e, ok := ref2.(*ssa.BinOp)
			if !ok || (e.Op != token.EQL && e.Op != token.NEQ) {
				continue
			}
			other := e.X
			if other == ssa.Value(bv) {
				other = e.Y
			}
			ob, ok := other.(*ssa.BinOp)
			if !ok || ob == bv {
				continue
			}
			x, xTrueIsNil, ok := nilOperand(ob)
			if !ok {
				continue
			}
			en := w.nilness(s, e) // for a bool, nonNil stands for true
			xn := w.nilness(s, w.c.canon(x))
			if en == unknown || xn == unknown {
				continue
			}
			equal := (e.Op == token.EQL) == (en == nonNil) // bv == ob
			obTrue := (xn == isNil) == xTrueIsNil
			bvTrue := obTrue == equal
			if bvTrue == vTrueIsNil {
				return isNil
			}
			return nonNil
		}
	}
	return w.equalNilness(s, v)
}

// nilComparison reports whether instr is v == nil or v != nil, returning it
// and whether its being true means v is nil.
func nilComparison(instr ssa.Instruction, v ssa.Value) (*ssa.BinOp, bool, bool) {
	b, ok := instr.(*ssa.BinOp)
	if !ok {
		return nil, false, false
	}
	x, trueIsNil, ok := nilOperand(b)
	if !ok || x != v {
		return nil, false, false
	}
	return b, trueIsNil, true
}

// nilOperand returns x if b is x == nil or x != nil, and whether b being
// true means x is nil.
func nilOperand(b *ssa.BinOp) (ssa.Value, bool, bool) {
	if b.Op != token.EQL && b.Op != token.NEQ {
		return nil, false, false
	}
	switch {
	case isNilConst(b.Y):
		return b.X, b.Op == token.EQL, true
	case isNilConst(b.X):
		return b.Y, b.Op == token.EQL, true
	}
	return nil, false, false
}
