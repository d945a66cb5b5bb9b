// Package reach answers, on the SSA form of one function, whether a value can
// keep an object alive: does the value, or something it holds, lead to the
// object?
//
// The garbage collector keeps an object as long as a pointer to it, or into
// it, is reachable. A cleanup function and its argument are held by the
// runtime until the cleanup runs, so a cleanup that reaches its own object
// never runs; a cache whose values point back to their weak keys never lets
// them go. Both questions are the same query, asked here.
//
// The query is static and local to the function that builds the value. It
// follows aliases (copies, conversions, φ-nodes, local variables, closures'
// captured variables), the contents of composite literals, slices and maps
// built in the function, closures' captures and bound method receivers.
// A value loaded out of the object (p.conn) reaches the object only if its
// type can (CanReach): the type decides because the dynamic contents are
// unknown. Results of calls are followed only into functions with bodies
// (the package's own): the query stays quiet rather than guess what another
// package's function returns. A value also reaches the object when
// the function stores the object (or something reaching it) into memory
// reached from the value: t.objs[id] = p makes t reach p.
package reach

import (
	"go/token"
	"go/types"
	"strings"

	"github.com/weaklint/weaklint/internal/ssa"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// A Relation says how a value reaches an object.
type Relation int

const (
	// Alias: the value is the object's pointer itself on some path (a copy,
	// a conversion, a φ-node, a local variable assigned on several paths).
	Alias Relation = iota + 1
	// Variable: the value is the address of a variable holding the object
	// (&p, or a variable captured by a closure).
	Variable
	// Interior: the value points into the object's own memory (&p.x,
	// p.arr[:]), which keeps the whole object alive.
	Interior
	// BackPointer: the value was loaded out of the object (p.conn) and its
	// type can lead back to the object.
	BackPointer
	// Holder: the value holds something that reaches the object (a struct,
	// array, slice or map element, or memory that contains the object).
	Holder
	// Closure: the value is a closure capturing a variable that reaches the
	// object; Name is the variable.
	Closure
	// BoundMethod: the value is a method value whose receiver reaches the
	// object.
	BoundMethod
)

// A Path explains how a value reaches an object: Rel relates Value to the
// object, through Next for the relations that go through another value
// (Holder, Closure, BoundMethod).
type Path struct {
	Rel   Relation
	Value ssa.Value
	Name  string    // Closure: the captured variable
	Store ssa.Value // Holder: the address or map the function stored the object into, if known
	Next  *Path
}

// A Query caches per-value work shared by the objects it creates. Its zero
// value is ready to use; it is not safe for concurrent use.
type Query struct {
	keys   map[ssa.Value][]key
	stores map[ssa.Value][]storeTarget // by object pointer: see Object.storeTargets

	calleeStores map[fnParam][]int              // see paramStores
	results      map[fnParam]bool               // see resultReaches
	globalStores map[fnParam][]*ssa.Global      // see paramGlobalStores
	opaqueStores map[*ssa.Function][]*ssa.Store // see fieldStores

	// Released, if set, reports whether the program takes back, elsewhere,
	// what the store instr puts into memory at addr (a map entry deleted by
	// explicit calls, a list element evicted, a slice shifted or truncated,
	// a slot overwritten by the next value): such memory holds the value
	// only until then, not for good (nil: all memory holds it for good).
	// instr is a *ssa.Store, a *ssa.MapUpdate (addr is the map) or a call
	// of a container's insertion method (addr is the receiver). Set it
	// before the first question.
	Released func(instr ssa.Instruction, addr ssa.Value) bool
}

// An Object is the target of reachability questions: the object a pointer
// value designates (or, for a value of non-pointer type, that value).
type Object struct {
	q    *Query
	ptr  ssa.Value
	elem types.Type // the pointed-to type, or nil
	keys []key

	stores     []storeTarget // memory the function stores the object into
	storesDone bool
}

// Object returns the object designated by ptr. Interface conversions of the
// pointer (SetFinalizer takes any) are looked through.
func (q *Query) Object(ptr ssa.Value) *Object {
	o := &Object{q: q, ptr: ptr, keys: q.keysOf(ptr)}
	if p, ok := types.Unalias(Underlying(ptr).Type()).Underlying().(*types.Pointer); ok {
		o.elem = p.Elem()
	}
	return o
}

// Elem returns the object's type (the element type of its pointer), or nil.
func (o *Object) Elem() types.Type { return o.elem }

// Same reports whether v is the object's pointer itself on some path.
func (o *Object) Same(v ssa.Value) bool {
	p := o.relate(v)
	return p != nil && p.Rel == Alias
}

// Reach returns how v can reach the object, or nil if it cannot be shown to.
func (o *Object) Reach(v ssa.Value) *Path {
	return o.reach(v, make(map[ssa.Value]bool))
}

func (o *Object) reach(v ssa.Value, seen map[ssa.Value]bool) *Path {
	if v == nil || seen[v] {
		return nil
	}
	seen[v] = true
	if p := o.relate(v); p != nil {
		return p
	}
	if p := o.derived(v, seen); p != nil {
		return p
	}
	return o.storedInto(v)
}

// derived returns how v reaches the object through what v is made of: a
// closure's captures, a conversion's operand, the contents of a variable.
func (o *Object) derived(v ssa.Value, seen map[ssa.Value]bool) *Path {
	switch v := v.(type) {
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		if fn == nil {
			return nil
		}
		if fn.Synthetic != "" && len(v.Bindings) == 1 { // a method value: the binding is the receiver
			if p := o.reach(v.Bindings[0], seen); p != nil {
				return &Path{Rel: BoundMethod, Value: v, Next: p}
			}
			return nil
		}
		for i, b := range v.Bindings {
			if p := o.reach(b, seen); p != nil {
				name := ""
				if i < len(fn.FreeVars) {
					name = fn.FreeVars[i].Name()
				}
				return &Path{Rel: Closure, Value: v, Name: name, Next: p}
			}
		}
	case *ssa.ChangeType:
		return o.reach(v.X, seen)
	case *ssa.MakeInterface:
		return o.reach(v.X, seen)
	case *ssa.ChangeInterface:
		return o.reach(v.X, seen)
	case *ssa.Convert:
		if !copies(v) {
			return o.reach(v.X, seen)
		}
	case *ssa.MultiConvert:
		return o.reach(v.X, seen)
	case *ssa.SliceToArrayPointer:
		return o.reach(v.X, seen)
	case *ssa.TypeAssert:
		if !v.CommaOk {
			return o.reach(v.X, seen)
		}
	case *ssa.Call:
		// append's result may share its first operand's array, and holds
		// copies of the elements of the others: append(nil, p.buf[:]...)
		// copies bytes out of p.
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" {
			for i, a := range v.Call.Args {
				if i > 0 && !CanReach(elemOf(a.Type()), o.elem) {
					continue
				}
				if p := o.reach(a, seen); p != nil {
					return &Path{Rel: Holder, Value: v, Next: p}
				}
			}
		}
		// A function of this package whose result keeps its argument
		// (a closure or struct built around it: makeCloser(f)).
		if callee := v.Call.StaticCallee(); callee != nil && v.Call.Value == callee && callee.Blocks != nil {
			for k, a := range v.Call.Args {
				if o.q.resultReaches(callee, k) {
					if p := o.reach(a, seen); p != nil {
						return &Path{Rel: Holder, Value: v, Next: p}
					}
				}
			}
			return nil
		}
		if keepsArguments(v) && MayReach(v.Type(), o.elem) {
			// A function without a body here (another package's):
			// a result that can hold the object, made from arguments that
			// reach it, is taken to keep them, as constructors and
			// decorators do (context.WithValue(ctx, k, c), logger.With("conn",
			// c)).
			for _, a := range v.Call.Args {
				if p := o.reach(a, seen); p != nil {
					return &Path{Rel: Holder, Value: v, Next: p}
				}
			}
		}
	case *ssa.Extract:
		// One result of a call that keeps its arguments:
		// ctx, cancel := context.WithCancel(context.WithValue(ctx, k, c)).
		if call, ok := v.Tuple.(*ssa.Call); ok && MayReach(v.Type(), o.elem) {
			return o.reach(call, seen)
		}
	case *ssa.Phi:
		for _, e := range v.Edges {
			if p := o.reach(e, seen); p != nil {
				return p
			}
		}
	case *ssa.Slice:
		return o.reach(v.X, seen) // shares the memory of what it slices
	case *ssa.FieldAddr:
		return o.reach(v.X, seen) // an interior pointer keeps its container alive
	case *ssa.IndexAddr:
		return o.reach(v.X, seen)
	case *ssa.Alloc:
		return o.contents(v, seen)
	case *ssa.MakeSlice:
		return o.contents(v, seen)
	case *ssa.MakeMap:
		return o.contents(v, seen)
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return nil
		}
		if a, ok := v.X.(*ssa.Alloc); ok {
			return o.contents(a, seen) // the value of a local variable or literal
		}
		if fa, ok := v.X.(*ssa.FieldAddr); ok {
			if a, ok := fa.X.(*ssa.Alloc); ok {
				return o.fieldContents(a, fa.Field, seen) // a field of a local literal
			}
		}
		if CanReach(v.Type(), o.elem) {
			if fa, ok := v.X.(*ssa.FieldAddr); ok && o.heldBesides(fa) {
				return nil
			}
			return o.reach(v.X, seen) // loaded from memory that reaches the object
		}
		if fa, ok := v.X.(*ssa.FieldAddr); ok && opaque(v.Type()) {
			return o.storedField(fa, seen) // an interface or func field this function set
		}
	case *ssa.Field:
		if CanReach(v.Type(), o.elem) {
			return o.reach(v.X, seen)
		}
	case *ssa.Index:
		if CanReach(v.Type(), o.elem) {
			return o.reach(v.X, seen)
		}
	}
	return nil
}

// contents returns how a value stored into mem (an Alloc, MakeSlice or
// MakeMap of the function, or a value loaded from such an Alloc) reaches
// the object. Stores are found among mem's
// referrers regardless of order: a variable that holds the object on any
// path counts, unless the same block overwrites it later.
func (o *Object) contents(mem ssa.Value, seen map[ssa.Value]bool) *Path {
	refs := mem.Referrers()
	if refs == nil {
		return nil
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr == mem && !o.q.overwritten(r) {
				if p := o.reach(r.Val, seen); p != nil {
					return p
				}
			}
		case *ssa.MapUpdate:
			if r.Map == mem && !o.q.released(r, mem) {
				if p := o.reach(r.Key, seen); p != nil {
					return &Path{Rel: Holder, Value: mem, Next: p}
				}
				if p := o.reach(r.Value, seen); p != nil {
					return &Path{Rel: Holder, Value: mem, Next: p}
				}
			}
		case *ssa.UnOp:
			// The variable's value, loaded: a map, slice or pointer
			// that the function then fills (m := map[..]*T{}; m[k] = p
			// with m captured by a closure).
			if _, ok := mem.(*ssa.Alloc); ok && r.Op == token.MUL && r.X == mem {
				if p := o.contents(r, seen); p != nil {
					if p.Rel != Holder {
						p = &Path{Rel: Holder, Value: mem, Next: p}
					}
					return p
				}
			}
		case *ssa.FieldAddr, *ssa.IndexAddr:
			elemRefs := r.(ssa.Value).Referrers()
			if elemRefs == nil {
				continue
			}
			for _, er := range *elemRefs {
				if st, ok := er.(*ssa.Store); ok && st.Addr == r.(ssa.Value) && !o.q.released(st, st.Addr) {
					if p := o.reach(st.Val, seen); p != nil {
						return &Path{Rel: Holder, Value: mem, Next: p}
					}
				}
			}
		}
	}
	return nil
}

// overwritten reports whether another store to the same address follows st
// in its block: the value st stores is held only until then, so it cannot
// keep anything alive for good (v := p; register(...); v = nil).
func (q *Query) overwritten(st *ssa.Store) bool {
	after := false
	for _, instr := range st.Block().Instrs {
		if instr == st {
			after = true
		} else if later, ok := instr.(*ssa.Store); ok && after && q.sameAddr(later.Addr, st.Addr) {
			return true
		}
	}
	return false
}

// sameAddr reports whether a and b are surely the same address (or map):
// the same value, or the same field path from the same root (&r.last or
// r.files twice). Element addresses (&s[i], &s[j]) may differ.
func (q *Query) sameAddr(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	ka, kb := q.keysOf(a), q.keysOf(b)
	return len(ka) == 1 && len(kb) == 1 && ka[0] == kb[0] && ka[0].path != "" && !strings.Contains(ka[0].path, "[]")
}

// fieldContents returns how a value stored into field i of mem (an Alloc
// of the function) reaches the object.
func (o *Object) fieldContents(mem *ssa.Alloc, field int, seen map[ssa.Value]bool) *Path {
	for _, r := range *mem.Referrers() {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok || fa.X != mem || fa.Field != field {
			continue
		}
		for _, fr := range *fa.Referrers() {
			if st, ok := fr.(*ssa.Store); ok && st.Addr == fa {
				if p := o.reach(st.Val, seen); p != nil {
					return p
				}
			}
		}
	}
	return nil
}

// relate compares the access paths of v and of the object.
func (o *Object) relate(v ssa.Value) *Path {
	vkeys := o.q.keysOf(v)
	var best *Path
	for _, kv := range vkeys {
		for _, ko := range o.keys {
			if kv.root != ko.root {
				continue
			}
			var p *Path
			switch {
			case kv.path == ko.path:
				p = &Path{Rel: Alias, Value: v}
			case strings.HasPrefix(ko.path, kv.path):
				// The object lives in memory that v designates.
				if rest := ko.path[len(kv.path):]; rest == load {
					p = &Path{Rel: Variable, Value: v}
				} else {
					p = &Path{Rel: Holder, Value: v}
				}
			case strings.HasPrefix(kv.path, ko.path):
				// v was derived from the object.
				if rest := kv.path[len(ko.path):]; !strings.Contains(rest, load) {
					p = &Path{Rel: Interior, Value: v}
				} else if CanReach(v.Type(), o.elem) {
					p = &Path{Rel: BackPointer, Value: v}
				}
			}
			if p != nil && (best == nil || p.Rel < best.Rel) {
				best = p
			}
		}
	}
	return best
}

// copies reports whether conversion v yields a value that holds no pointer
// of its operand: uintptr(unsafe.Pointer(p)) is a number the collector does
// not follow, string(b) and []byte(s) copy the bytes. Only conversions to
// unsafe.Pointer and pointers keep the operand's pointer.
func copies(v *ssa.Convert) bool {
	switch t := v.Type().Underlying().(type) {
	case *types.Basic:
		return t.Kind() != types.UnsafePointer
	case *types.Slice:
		return true
	}
	return false
}

// resultReaches reports whether a result of fn can reach its parameter k.
// Only functions with bodies (this package's) are looked into; the answer
// is computed once, and a recursive call sees none.
func (q *Query) resultReaches(fn *ssa.Function, k int) bool {
	if fn.Blocks == nil || k >= len(fn.Params) {
		return false
	}
	memo := fnParam{fn, k}
	if r, ok := q.results[memo]; ok {
		return r
	}
	if q.results == nil {
		q.results = make(map[fnParam]bool)
	}
	q.results[memo] = false
	param := q.Object(fn.Params[k])
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			for _, r := range ret.Results {
				if param.Reach(r) != nil {
					q.results[memo] = true
					return true
				}
			}
		}
	}
	return false
}

// elemOf returns the element type of a slice (or string) type, or t.
func elemOf(t types.Type) types.Type {
	if s, ok := t.Underlying().(*types.Slice); ok {
		return s.Elem()
	}
	return t
}

// Underlying returns v without the conversions that keep its pointer:
// interface boxing and changes of named or interface type.
func Underlying(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		default:
			return v
		}
	}
}

// keepsArguments reports whether call, to a function whose body is not
// available, is assumed to return something that keeps its arguments (when
// its result's type can hold the object, which the caller checks). Not
// fmt's functions, whose results are text, or errors holding only what %w
// wraps; nor weak's and runtimeweak's, whose weak references are modelled
// as such.
func keepsArguments(call *ssa.Call) bool {
	if call.Call.IsInvoke() {
		return false
	}
	if _, ok := call.Call.Value.(*ssa.Builtin); ok {
		return false
	}
	if fn := weakapi.SSACallee(&call.Call); fn != nil && fn.Pkg() != nil {
		switch fn.Pkg().Path() {
		case "fmt", weakapi.WeakPath, weakapi.RuntimeWeakPath:
			return false
		}
	}
	return true
}
