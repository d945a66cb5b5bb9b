package reach

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/weaklint/weaklint/internal/ssa"
)

// A storeTarget is memory that the object's function stores the object (or
// something reaching it) into: t.objs[id] = p, t.children = append(t.children, p),
// ch <- p, t.m.Store(k, p), t.lru.PushBack(p).
type storeTarget struct {
	key  key       // the address or map written to
	addr ssa.Value // the value of that address or map
	path *Path     // how the stored value reaches the object
}

// storedInto returns how v reaches the object because the function stores
// the object into memory reached from v: a table or parent whose method or
// pointer the cleanup keeps then keeps the object too.
func (o *Object) storedInto(v ssa.Value) *Path {
	targets := o.storeTargets()
	if len(targets) == 0 {
		return nil
	}
	for _, kv := range o.q.keysOf(v) {
		// An interior pointer (&t.mu) keeps all of t alive.
		base := container(kv.path)
		for _, t := range targets {
			if kv.root == t.key.root && strings.HasPrefix(t.key.path, base) {
				return &Path{Rel: Holder, Value: v, Store: t.addr, Next: t.path}
			}
		}
	}
	return nil
}

// container returns the path of the allocation that path points into: path
// without its trailing interior steps (fields and elements taken by address,
// slicing).
func container(path string) string {
	for path != "" {
		i := strings.LastIndex(path[:len(path)-1], "/") + 1 // start of the last step
		if step := path[i:]; !strings.HasPrefix(step, interior) && step != sliced {
			break
		}
		path = path[:i]
	}
	return path
}

// storeTargets finds, once, where the function holding the object's pointer
// stores the object or a container holding it. It follows the pointer
// forward through its uses (conversions, φ-nodes, local variables, the
// composite literals, slices and maps it is put in, append), so the work is
// proportional to the uses of the object, not to the size of the function.
func (o *Object) storeTargets() []storeTarget {
	if o.storesDone {
		return o.stores
	}
	o.storesDone = true
	// Every site and wrapper parameter asking about the same pointer
	// shares one search.
	if ts, ok := o.q.stores[o.ptr]; ok {
		o.stores = ts
		return ts
	}
	defer func() {
		if o.q.stores == nil {
			o.q.stores = make(map[ssa.Value][]storeTarget)
		}
		o.q.stores[o.ptr] = o.stores
	}()
	if o.elem == nil {
		return nil
	}
	origin := &Path{Rel: Alias, Value: o.ptr}
	add := func(addr ssa.Value) {
		for _, k := range o.q.keysOf(addr) {
			o.stores = append(o.stores, storeTarget{key: k, addr: addr, path: origin})
		}
	}
	// Values that are the object's pointer, and values that hold it.
	alias := make(map[ssa.Value]bool)
	holdsAlias := make(map[ssa.Value]bool) // variables assigned the pointer
	seen := make(map[ssa.Value]bool)
	var work []ssa.Value
	carry := func(v ssa.Value, isAlias bool) {
		if v == nil || seen[v] {
			return
		}
		seen[v] = true
		alias[v] = isAlias
		work = append(work, v)
	}
	carry(o.ptr, true)
	carry(Underlying(o.ptr), true)
	for _, k := range o.keys {
		if k.path == "" {
			carry(k.root, true)
		}
	}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.Store:
				if r.Val != v || o.q.overwritten(r) || o.q.released(r, r.Addr) {
					continue // held only until the next store (v = p; ...; v = nil), or until taken back
				}
				add(r.Addr)
				switch a := r.Addr.(type) {
				case *ssa.Alloc:
					carry(a, false) // a local variable: its loads carry the value
					holdsAlias[a] = holdsAlias[a] || alias[v]
				case *ssa.FieldAddr:
					carry(a.X, false) // the struct holds it
				case *ssa.IndexAddr:
					carry(a.X, false) // the array or slice holds it
				}
			case *ssa.MapUpdate:
				if (r.Key == v || r.Value == v) && !o.q.deletedLater(r) && !o.q.released(r, r.Map) {
					add(r.Map)
					carry(r.Map, false)
				}
			case *ssa.Send:
				if r.X == v {
					add(r.Chan) // the channel's buffer holds it
				}
			case *ssa.Call:
				call := r.Common()
				if b, ok := call.Value.(*ssa.Builtin); ok && b.Name() == "append" {
					carry(r, false)
				} else if storesIntoReceiver(call) && slices.Contains(call.Args[1:], v) {
					if o.q.released(r, call.Args[0]) {
						continue
					}
					add(call.Args[0])
					carry(call.Args[0], false)
				} else if callee := call.StaticCallee(); callee != nil && call.Value == callee {
					// A function of this package that stores its
					// parameter into another (r.register(f)).
					for k, a := range call.Args {
						if a != v {
							continue
						}
						for _, j := range o.q.paramStores(callee, k) {
							add(call.Args[j])
							carry(call.Args[j], false)
						}
					}
				}
			case *ssa.UnOp:
				// A load of a variable holding the value is the value; a
				// load through the object's own pointer is its contents.
				if r.Op == token.MUL && !alias[v] {
					carry(r, holdsAlias[v])
				}
			case *ssa.MakeInterface, *ssa.ChangeType, *ssa.ChangeInterface, *ssa.MultiConvert, *ssa.Phi, *ssa.Slice, *ssa.SliceToArrayPointer:
				carry(r.(ssa.Value), alias[v])
			case *ssa.Convert:
				if !copies(r) {
					carry(r, alias[v])
				}
			}
		}
	}
	return o.stores
}

// fnParam names parameter k of fn.
type fnParam struct {
	fn *ssa.Function
	k  int
}

// paramStores returns the parameters of fn into whose memory fn stores its
// parameter k. Only functions with bodies (this package's) are looked into;
// the answer is computed once, and a recursive call sees none.
func (q *Query) paramStores(fn *ssa.Function, k int) []int {
	if fn.Blocks == nil || k >= len(fn.Params) {
		return nil
	}
	if q.calleeStores == nil {
		q.calleeStores = make(map[fnParam][]int)
	}
	memo := fnParam{fn, k}
	if js, ok := q.calleeStores[memo]; ok {
		return js
	}
	q.calleeStores[memo] = nil // a recursive call stores nothing more
	var js []int
	for _, t := range q.Object(fn.Params[k]).storeTargets() {
		for j, p := range fn.Params {
			if j != k && t.key.root == p && !slices.Contains(js, j) {
				js = append(js, j)
			}
		}
	}
	q.calleeStores[memo] = js
	return js
}

// released reports whether the program takes back what instr stores at
// addr (see Query.Released).
func (q *Query) released(instr ssa.Instruction, addr ssa.Value) bool {
	return q.Released != nil && q.Released(instr, addr)
}

// deletedLater reports whether a delete of the same key from the same map
// follows u in its block: the map holds the value only until then.
func (q *Query) deletedLater(u *ssa.MapUpdate) bool {
	after := false
	for _, instr := range u.Block().Instrs {
		if instr == u {
			after = true
			continue
		}
		call, ok := instr.(*ssa.Call)
		if !after || !ok {
			continue
		}
		if b, ok := call.Call.Value.(*ssa.Builtin); ok && b.Name() == "delete" &&
			q.sameValue(call.Call.Args[1], u.Key) && q.sameAddr(call.Call.Args[0], u.Map) {
			return true
		}
	}
	return false
}

// sameValue reports whether a and b are the same value, equal constants
// or loads of the same field path (f.fd twice).
func (q *Query) sameValue(a, b ssa.Value) bool {
	if q.sameAddr(a, b) {
		return true
	}
	ca, ok1 := a.(*ssa.Const)
	cb, ok2 := b.(*ssa.Const)
	return ok1 && ok2 && ca.Value != nil && cb.Value != nil && ca.Value.ExactString() == cb.Value.ExactString() && types.Identical(ca.Type(), cb.Type())
}

// storesIntoReceiver reports whether call is a method of a standard
// container that keeps its arguments in the receiver: sync.Map's Store,
// atomic.Pointer's and atomic.Value's Store, container/list's insertions.
func storesIntoReceiver(call *ssa.CallCommon) bool {
	fn := call.StaticCallee()
	if fn == nil || len(call.Args) < 2 {
		return false
	}
	obj, _ := fn.Object().(*types.Func)
	if obj == nil || obj.Pkg() == nil || obj.Signature().Recv() == nil {
		return false
	}
	recv := obj.Signature().Recv().Type()
	if p, ok := recv.(*types.Pointer); ok {
		recv = p.Elem()
	}
	named, ok := types.Unalias(recv).(*types.Named)
	if !ok {
		return false
	}
	switch obj.Pkg().Path() + "." + named.Obj().Name() + "." + obj.Name() {
	case "sync.Map.Store", "sync.Map.LoadOrStore", "sync.Map.Swap", "sync.Map.CompareAndSwap",
		"sync/atomic.Pointer.Store", "sync/atomic.Pointer.Swap", "sync/atomic.Pointer.CompareAndSwap",
		"sync/atomic.Value.Store", "sync/atomic.Value.Swap", "sync/atomic.Value.CompareAndSwap",
		"container/list.List.PushBack", "container/list.List.PushFront",
		"container/list.List.InsertBefore", "container/list.List.InsertAfter":
		return true
	}
	return false
}
