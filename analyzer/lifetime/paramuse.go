package lifetime

import (
	"go/token"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Rule 5 asks of every call that receives a resource whether the call may
// operate on it. A call into another package, through an interface or a
// function value, or of a function without a body may: its body is not in
// view. A function of this package is in view: it uses what it receives
// only if it passes it on to a call that uses it (transitively) or reads
// memory through it. One that only stores the handle (in a field, a slice,
// a map) or compares it gives the resource a longer life than the
// function's, which is another problem than a missing KeepAlive: a
// KeepAlive after the call would change nothing.
//
// The question is one of reachability in a graph whose nodes are
// (function, parameter, field) and whose edges are the calls that pass the
// parameter (or the field) on: a node uses the resource if it reaches one
// that uses it directly. The nodes of a cycle (a recursion) reach the same
// nodes, so they share one answer: a depth-first search that finds the
// strongly connected components as it goes (Tarjan's) settles each
// component when its first node is done, callees first, and visits every
// node once in the life of the analysis, whatever the calls' order. The
// per-function work is one scan of the parameter's uses.

// A paramKey names what a function receives: parameter param (a method's
// receiver is parameter 0), or, when field >= 0, that field of the struct
// (or pointer to struct) the parameter is (a system call's block of
// attributes built by the caller).
type paramKey struct {
	fn           *ssa.Function
	param, field int
}

// callUses reports whether call may operate on v, one of its arguments or,
// when field >= 0, a struct (or pointer to one) whose field holds the
// resource.
func (l *lifetime) callUses(call ssa.CallInstruction, v ssa.Value, field int) bool {
	if !releasesOrUses(call.Common()) {
		return false
	}
	callee := l.localBody(call.Common())
	if callee == nil {
		return true // not in view
	}
	passed := false
	for i, arg := range call.Common().Args {
		if arg != v {
			continue
		}
		passed = true
		if l.usesParam(paramKey{callee, i, field}) {
			return true
		}
	}
	return !passed // v is the function called, or in a form this does not follow
}

// localBody returns the function of this package with a body in view that
// call invokes statically, or nil.
func (l *lifetime) localBody(call *ssa.CallCommon) *ssa.Function {
	fn := call.StaticCallee()
	if fn == nil || fn.Synthetic != "" || fn.Blocks == nil || fn.Pkg == nil || fn.Pkg.Pkg != l.pass.Pkg || len(fn.Params) != len(call.Args) {
		return nil
	}
	return fn
}

// paramSearch is the state of the search under way (usesParam).
type paramSearch struct {
	next  int               // the index of the next node visited
	index map[paramKey]int  // the unsettled nodes visited, numbered in visiting order
	low   map[paramKey]int  // the least index each reaches among those
	found map[paramKey]bool // whether each found a use, not counting the nodes it met still being explored
	stack []paramKey        // the unsettled nodes visited, in visiting order
	path  []paramKey        // the nodes being explored, innermost last
}

// usesParam reports whether k's function may operate on the resource it
// receives as k (see the comment at the top of the file).
func (l *lifetime) usesParam(k paramKey) bool {
	if used, ok := l.paramUse[k]; ok {
		return used
	}
	s := &l.search
	if s.index == nil {
		s.index, s.low, s.found = make(map[paramKey]int), make(map[paramKey]int), make(map[paramKey]bool)
	}
	if i, ok := s.index[k]; ok {
		// Being explored: a cycle back to k. The node exploring it is in
		// k's component, which settles them together.
		top := s.path[len(s.path)-1]
		s.low[top] = min(s.low[top], i)
		return false
	}
	i := s.next
	s.next++
	s.index[k], s.low[k] = i, i
	s.stack = append(s.stack, k)
	s.path = append(s.path, k)
	s.found[k] = l.paramUsedIn(k)
	s.path = s.path[:len(s.path)-1]
	if len(s.path) > 0 {
		parent := s.path[len(s.path)-1]
		s.low[parent] = min(s.low[parent], s.low[k])
	}
	if s.low[k] < i {
		return s.found[k] // settled with the first node of its component
	}
	// k is the first node of its component: the nodes above it on the
	// stack are the others.
	j := len(s.stack) - 1
	for s.stack[j] != k {
		j--
	}
	used := false
	for _, n := range s.stack[j:] {
		used = used || s.found[n]
	}
	for _, n := range s.stack[j:] {
		l.paramUse[n] = used
		delete(s.index, n)
		delete(s.low, n)
		delete(s.found, n)
	}
	s.stack = s.stack[:j]
	return used
}

// paramUsedIn reports whether k's function uses the resource directly, or
// passes it on to a call that does.
func (l *lifetime) paramUsedIn(k paramKey) bool {
	p := k.fn.Params[k.param]
	if unmentioned(p) {
		// A stub: the body that does the work is in another file, built
		// for another platform (ioctl_linux.go), or yet to be written.
		return true
	}
	if k.field < 0 {
		return len(l.resourceUses(p)) > 0
	}
	return len(l.fieldUses(p, k.field)) > 0
}

// unmentioned reports whether the body never mentions parameter p.
func unmentioned(p *ssa.Parameter) bool {
	refs := p.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		if _, ok := r.(*ssa.DebugRef); !ok {
			return false
		}
	}
	return true
}

// fieldUses returns the uses of field field of agg, a struct or a pointer
// to one: the field read and then used (resourceUses), or agg handed to a
// call that uses the field in turn.
func (l *lifetime) fieldUses(agg ssa.Value, field int) []ssa.Instruction {
	refs := agg.Referrers()
	if refs == nil {
		return nil
	}
	var uses []ssa.Instruction
	for _, ref := range *refs {
		switch x := ref.(type) {
		case *ssa.Field: // a.fd of a struct value
			if x.Field == field {
				uses = append(uses, l.resourceUses(x)...)
			}
		case *ssa.FieldAddr: // a.fd through a pointer
			if x.Field == field {
				for _, r := range *x.Referrers() {
					if load, ok := r.(*ssa.UnOp); ok && load.Op == token.MUL {
						uses = append(uses, l.resourceUses(load)...)
					}
				}
			}
		case *ssa.UnOp: // *a: a copy of the struct
			if x.Op == token.MUL {
				uses = append(uses, l.fieldUses(x, field)...)
			}
		case *ssa.Store: // a struct parameter whose address is taken lives in a local
			if alloc, ok := x.Addr.(*ssa.Alloc); ok && x.Val == agg {
				uses = append(uses, l.fieldUses(alloc, field)...)
			}
		case ssa.CallInstruction:
			if slices.Contains(x.Common().Args, agg) && l.callUses(x, agg, field) {
				uses = append(uses, x)
			}
		}
	}
	return uses
}

// returnsParam reports whether the function that call invokes is of this
// package and returns its argument v, possibly converted (a check or a
// conversion on the way: fd := valid(f.fd)): the call's result is the
// resource too.
func (l *lifetime) returnsParam(call *ssa.Call, v ssa.Value) bool {
	callee := l.localBody(call.Common())
	if callee == nil || callee.Signature.Results().Len() != 1 {
		return false
	}
	for i, arg := range call.Common().Args {
		if arg != v {
			continue
		}
		for _, b := range callee.Blocks {
			if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && unwrapNum(ret.Results[0]) == callee.Params[i] {
				return true
			}
		}
	}
	return false
}

// storesParam returns the local variables of the caller into whose field
// the function that call invokes, of this package, stores its argument v,
// possibly converted (req.setFD(fd) with var req ioctlReq), and the
// fields: a block of attributes filled by a setter and then handed to a
// system call.
func (l *lifetime) storesParam(call ssa.CallInstruction, v ssa.Value) (allocs []*ssa.Alloc, fields []int) {
	callee := l.localBody(call.Common())
	if callee == nil {
		return nil, nil
	}
	args := call.Common().Args
	for _, b := range callee.Blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok {
				continue
			}
			fa, ok := st.Addr.(*ssa.FieldAddr)
			if !ok {
				continue
			}
			stored, into := paramIndex(callee, unwrapNum(st.Val)), paramIndex(callee, fa.X)
			if stored < 0 || into < 0 || args[stored] != v {
				continue
			}
			if alloc, ok := args[into].(*ssa.Alloc); ok {
				allocs = append(allocs, alloc)
				fields = append(fields, fa.Field)
			}
		}
	}
	return allocs, fields
}

// paramIndex returns the index of v among fn's parameters, or -1.
func paramIndex(fn *ssa.Function, v ssa.Value) int {
	p, ok := v.(*ssa.Parameter)
	if !ok {
		return -1
	}
	return slices.Index(fn.Params, p)
}
