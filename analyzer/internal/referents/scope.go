package referents

import (
	"go/constant"

	"github.com/weaklint/weaklint/internal/ssa"
)

// A fact records that a value is nil or non-nil (from a comparison, an ok
// result, a bool helper, or an earlier dereference that would have
// panicked). For a bool value, nonNil stands for true.
type fact struct {
	value  ssa.Value
	nonNil bool
}

// A factNode is one fact of a walk, in a persistent stack: the facts that
// hold at a point of the walk are a node and its ancestors (up), so keeping
// what holds at a block's end or at a return costs one pointer, not a copy.
// (Copying the stack per block made the walk quadratic: issue 9.)
type factNode struct {
	fact
	block *ssa.BasicBlock // the block from whose start (or, with seq, from where in it) the fact holds
	seq   int             // creation order within the walk
	up    *factNode
}

// A scope is what holds at one point: a node of the persistent stack and a
// few more facts (those of a branch edge).
type scope struct {
	top   *factNode
	extra []fact
}

// index finds facts by value in O(1) per fact about the value, whatever
// the depth of the stack: a node holds at a point below top if it lies on
// top's chain, which (facts being pushed while walking the dominator tree)
// is when its block dominates top's block, or it was pushed earlier in the
// same block.
type factIndex map[ssa.Value][]*factNode

// push adds a fact holding from here on in block b.
func (w *walker) push(top *factNode, v ssa.Value, nonNil bool, b *ssa.BasicBlock) *factNode {
	w.seq++
	n := &factNode{fact: fact{v, nonNil}, block: b, seq: w.seq, up: top}
	w.index[v] = append(w.index[v], n)
	return n
}

func (w *walker) pushAll(top *factNode, facts []fact, b *ssa.BasicBlock) *factNode {
	for _, f := range facts {
		top = w.push(top, f.value, f.nonNil, b)
	}
	return top
}

// holds reports whether n is on top's chain.
func holds(n, top *factNode) bool {
	if top == nil {
		return false
	}
	if n.block == top.block {
		return n.seq <= top.seq
	}
	return n.block.Dominates(top.block)
}

// nilness tells whether v is known to be nil or non-nil in scope s.
func (w *walker) nilness(s scope, v ssa.Value) nilness {
	if n := constNilness(v); n != unknown {
		return n
	}
	for i := len(s.extra) - 1; i >= 0; i-- {
		if s.extra[i].value == v {
			return toNilness(s.extra[i].nonNil)
		}
	}
	nodes := w.index[v]
	for i := len(nodes) - 1; i >= 0; i-- {
		if holds(nodes[i], s.top) {
			return toNilness(nodes[i].nonNil)
		}
	}
	return unknown
}

// each calls f for every fact in scope s, latest first, until f returns false.
func (s scope) each(f func(fact) bool) {
	for i := len(s.extra) - 1; i >= 0; i-- {
		if !f(s.extra[i]) {
			return
		}
	}
	for n := s.top; n != nil; n = n.up {
		if !f(n.fact) {
			return
		}
	}
}

type nilness int

const (
	unknown nilness = iota
	isNil
	nonNil
)

func toNilness(nonNilFact bool) nilness {
	if nonNilFact {
		return nonNil
	}
	return isNil
}

// constNilness is what v's own kind says: an allocation is never nil, the
// nil constant always is, and a bool constant is what it says (nonNil
// standing for true): a flag set in a branch (ok = false) is a phi of
// constants, which the path search substitutes edge by edge.
func constNilness(v ssa.Value) nilness {
	switch v := v.(type) {
	case *ssa.Alloc, *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Global, *ssa.Function,
		*ssa.MakeClosure, *ssa.MakeMap, *ssa.MakeChan, *ssa.MakeSlice:
		return nonNil
	case *ssa.Const:
		if v.IsNil() {
			return isNil
		}
		if v.Value != nil && v.Value.Kind() == constant.Bool {
			return toNilness(constant.BoolVal(v.Value))
		}
	}
	return unknown
}
