package reach

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A storeTarget is memory that the object's function stores the object (or
// something reaching it) into: t.objs[id] = p, t.children = append(t.children, p),
// ch <- p, t.m.Store(k, p), t.lru.PushBack(p).
type storeTarget struct {
	key  key   // the address or map written to
	path *Path // how the stored value reaches the object
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
		for _, t := range targets {
			if kv.root == t.key.root && strings.HasPrefix(t.key.path, kv.path) {
				return &Path{Rel: Holder, Value: v, Next: t.path}
			}
		}
	}
	return nil
}

// storeTargets finds, once, where the function holding the object's pointer
// stores a value that reaches the object.
func (o *Object) storeTargets() []storeTarget {
	if o.storesDone {
		return o.stores
	}
	o.storesDone = true // also stops the search below from recursing here
	// Every site and wrapper parameter asking about the same pointer
	// shares one scan of its function.
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
	fn := o.ptr.Parent()
	if fn == nil || o.elem == nil {
		return nil
	}
	add := func(addr ssa.Value, p *Path) {
		for _, k := range o.q.keysOf(addr) {
			o.stores = append(o.stores, storeTarget{key: k, path: p})
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Store:
				if !MayReach(instr.Val.Type(), o.elem) || o.q.overwritten(instr) {
					continue // held only until the next store (v = p; ...; v = nil)
				}
				if p := o.Reach(instr.Val); p != nil {
					add(instr.Addr, p)
				}
			case *ssa.Send:
				if p := o.Reach(instr.X); p != nil {
					add(instr.Chan, p) // the channel's buffer holds it
				}
			case *ssa.Call:
				if !storesIntoReceiver(instr.Common()) {
					continue
				}
				for _, a := range instr.Call.Args[1:] {
					if p := o.Reach(a); p != nil {
						add(instr.Call.Args[0], p)
						break
					}
				}
			case *ssa.MapUpdate:
				if !MayReach(instr.Map.Type(), o.elem) {
					continue
				}
				if p := o.Reach(instr.Key); p != nil {
					add(instr.Map, p)
				} else if p := o.Reach(instr.Value); p != nil {
					add(instr.Map, p)
				}
			}
		}
	}
	return o.stores
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
