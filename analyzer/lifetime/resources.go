package lifetime

import (
	"go/token"
	"go/types"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// learnFresh finds the package's functions whose pointer result is a new
// object that nothing else keeps. Constructors call one another in any
// order: the search repeats until nothing changes.
func (l *lifetime) learnFresh() {
	for range len(l.funcs) + 1 {
		changed := false
		for _, fn := range l.funcs {
			obj := fnObj(fn)
			if obj == nil || l.fresh[obj] || fn.Parent() != nil || fn.Signature.Results().Len() != 1 || pointee(fn.Signature.Results().At(0).Type()) == nil {
				continue
			}
			if l.returnsFresh(fn) {
				l.fresh[obj] = true
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// returnsFresh reports whether every return of fn returns a new object
// kept by nothing but the return.
func (l *lifetime) returnsFresh(fn *ssa.Function) bool {
	returns := 0
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		returns++
		v := reach.Underlying(ret.Results[0])
		switch v := v.(type) {
		case *ssa.Alloc:
		case *ssa.Call:
			if !l.isFresh(staticCallee(v.Common())) {
				return false
			}
		default:
			return false
		}
		if keptBeyond(v, nil, ret) {
			return false
		}
	}
	return returns > 0
}

// learnResources finds, from the package's cleanup and finalizer
// registrations, the fields they release, the fields that hold an object's
// own cleanup, the functions registered, and the accessor methods that
// return a released field.
func (l *lifetime) learnResources(sites []*site) {
	for _, s := range sites {
		reg, ok := weakapi.LookupRegistrar(s.callee)
		if !ok || s.ref.Param >= len(s.args) {
			continue
		}
		obj := reach.Underlying(s.args[reg.Obj])
		if fn := funcOf(s.args[reg.Fn]); fn != nil {
			l.releasers[fn] = true
		}
		if reg.Kind == weakapi.Finalizer {
			if fn := funcOf(s.args[reg.Fn]); fn != nil {
				l.learnFinalizer(fn, 0)
			}
		} else if reg.Arg >= 0 && reg.Arg < len(s.args) {
			// Only a value the collector does not track can be released
			// behind the program's back: a Go pointer (a refcounted
			// handle object, say) keeps what it points to itself.
			if field := fieldOf(obj, s.args[reg.Arg]); field != nil && (isHandle(field.Type()) && !namesWeakEntry(cleanupBody(s.args[reg.Fn])) || isMapping(field.Type()) && unmapsParam(funcOf(s.args[reg.Fn]))) {
				l.resources[field] = true
			}
		}
		if call, ok := s.call.(*ssa.Call); ok {
			l.learnSelfCleanup(obj, call)
		}
	}
	// Accessors: methods returning a resource field of their receiver.
	for _, fn := range l.funcsUsingResources(nil) {
		obj := fnObj(fn)
		if obj == nil || fn.Signature.Recv() == nil || len(fn.Params) == 0 {
			continue
		}
		for _, b := range fn.Blocks {
			ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
			if !ok {
				continue
			}
			for _, res := range ret.Results {
				// A method that stops the cleanup hands the resource over
				// (Release, Detach): the caller owns it.
				if field := loadedField(unwrapNum(res)); field != nil && reach.Underlying(loadBase(unwrapNum(res))) == fn.Params[0] && l.isResource(field) && !l.cancelledIn(fn, fn.Params[0]) {
					l.accessors[obj] = field
				}
			}
		}
	}
}

// fieldOf returns the field of obj that value v was copied from
// (obj.fd), or that v was stored into (f := &File{fd: fd}), or nil.
func fieldOf(obj, v ssa.Value) *types.Var {
	if field := loadedField(unwrapNum(v)); field != nil && reach.Underlying(loadBase(unwrapNum(v))) == obj {
		return field
	}
	// The value stored may be v or any value v was converted from.
	for {
		if refs := v.Referrers(); refs != nil {
			for _, r := range *refs {
				if st, ok := r.(*ssa.Store); ok && st.Val == v {
					if fa, ok := st.Addr.(*ssa.FieldAddr); ok && reach.Underlying(fa.X) == obj {
						return fieldVar(fa)
					}
				}
			}
		}
		next := unwrapNum(v)
		if conv, ok := v.(*ssa.Convert); ok {
			next = conv.X
		} else if ct, ok := v.(*ssa.ChangeType); ok {
			next = ct.X
		} else if mi, ok := v.(*ssa.MakeInterface); ok {
			next = mi.X
		}
		if next == v {
			return nil
		}
		v = next
	}
}

// cleanupBody returns the function whose body a cleanup runs: funcOf's
// answer, or the method that a bound method value (w.unindex) calls.
func cleanupBody(v ssa.Value) *ssa.Function {
	fn := funcOf(v)
	if fn == nil || fn.Synthetic == "" {
		return fn
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				if callee := call.Common().StaticCallee(); callee != nil {
					return callee
				}
			}
		}
	}
	return fn
}

// namesWeakEntry reports whether cleanup fn uses its argument only as the
// key of maps of weak pointers (looked up, deleted): the
// argument is an id naming the object's entry in a weak index
// (runtime.AddCleanup(e, w.unindex, e.ID)), not a resource the cleanup
// releases, and using the id after the object's last use touches nothing
// the cleanup frees.
func namesWeakEntry(fn *ssa.Function) bool {
	if fn == nil || fn.Blocks == nil || len(fn.Params) == 0 {
		return false
	}
	arg := fn.Params[len(fn.Params)-1]
	if !isHandle(arg.Type()) {
		return false
	}
	refs := arg.Referrers()
	if refs == nil {
		return false
	}
	weakMap := func(m ssa.Value) bool {
		mt, ok := m.Type().Underlying().(*types.Map)
		return ok && weakapi.IsWeakPointer(mt.Elem())
	}
	uses := 0
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.DebugRef:
			continue
		case *ssa.Lookup:
			if r.Index != arg || !weakMap(r.X) {
				return false
			}
		case *ssa.Call:
			b, ok := r.Call.Value.(*ssa.Builtin)
			if !ok || b.Name() != "delete" || len(r.Call.Args) != 2 || r.Call.Args[1] != arg || !weakMap(r.Call.Args[0]) {
				return false
			}
		default:
			return false
		}
		uses++
	}
	return uses > 0 // none: a stub, whose real cleanup is unknown
}

// learnFinalizer records the first handle field that finalizer fn passes
// to a call: the one it releases (munmap(m.addr, m.size) releases addr,
// not size). It looks one call deep into the object's own methods
// (f.close()), and reports whether it found one.
func (l *lifetime) learnFinalizer(fn *ssa.Function, depth int) bool {
	if len(fn.Params) == 0 || depth > 1 {
		return false
	}
	self := fn.Params[0]
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.UnOp:
				field := loadedField(x)
				if field == nil || reach.Underlying(loadBase(x)) != self {
					continue
				}
				if isHandle(field.Type()) && passedToCall(x) || isMapping(field.Type()) && passedToUnmap(x) {
					l.resources[field.Origin()] = true
					return true
				}
			case *ssa.Call:
				callee := x.Common().StaticCallee()
				args := x.Common().Args
				if callee != nil && callee.Pkg == fn.Pkg && len(args) > 0 && reach.Underlying(args[0]) == self && len(callee.Params) > 0 {
					if l.learnFinalizer(callee, depth+1) {
						return true
					}
				}
			}
		}
	}
	return false
}

// learnSelfCleanup records field f when the registration's result is
// stored into obj.f: the object holds its own cleanup.
func (l *lifetime) learnSelfCleanup(obj ssa.Value, call *ssa.Call) {
	refs := call.Referrers()
	if refs == nil {
		return
	}
	for _, r := range *refs {
		if st, ok := r.(*ssa.Store); ok && st.Val == call {
			if fa, ok := st.Addr.(*ssa.FieldAddr); ok && reach.Underlying(fa.X) == obj {
				l.selfClean[fieldVar(fa)] = true
			}
		}
	}
}

// isHandle reports whether t is a number or an unsafe.Pointer: the shape of
// file descriptors, handles and addresses.
func isHandle(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && (b.Info()&types.IsInteger != 0 || b.Kind() == types.UnsafePointer)
}

// isMapping reports whether t is a byte slice: the shape of memory mapped
// with mmap, which the collector does not own. Only unmapping it
// (passedToUnmap, unmapsParam) makes such a field a resource: a slice of
// the Go heap cannot be released by a cleanup.
func isMapping(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

// isUnmap reports whether fn unmaps memory: syscall.Munmap or
// golang.org/x/sys/unix.Munmap.
func isUnmap(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || fn.Name() != "Munmap" {
		return false
	}
	path := fn.Pkg().Path()
	return path == "syscall" || path == "golang.org/x/sys/unix"
}

// passedToUnmap reports whether v, a loaded field, is unmapped: passed to
// Munmap directly or after being copied into a local.
func passedToUnmap(v ssa.Value) bool {
	for _, r := range *v.Referrers() {
		if call, ok := r.(ssa.CallInstruction); ok && isUnmap(staticCallee(call.Common())) && slices.Contains(call.Common().Args, v) {
			return true
		}
	}
	return false
}

// unmapsParam reports whether cleanup fn unmaps its argument.
func unmapsParam(fn *ssa.Function) bool {
	if fn == nil || len(fn.Params) == 0 {
		return false
	}
	return passedToUnmap(fn.Params[len(fn.Params)-1])
}

// passedToCall reports whether v, possibly converted, is an argument of a call.
func passedToCall(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case ssa.CallInstruction:
			return true
		case *ssa.Convert, *ssa.ChangeType:
			if passedToCall(r.(ssa.Value)) {
				return true
			}
		}
	}
	return false
}

// loadedField returns the field that v is loaded from (*(&x.f)), or nil.
func loadedField(v ssa.Value) *types.Var {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return nil
	}
	if fa, ok := u.X.(*ssa.FieldAddr); ok {
		return fieldVar(fa)
	}
	return nil
}

// loadBase returns x for a load of x.f.
func loadBase(v ssa.Value) ssa.Value {
	return v.(*ssa.UnOp).X.(*ssa.FieldAddr).X
}

// fieldVar returns the field a FieldAddr selects.
func fieldVar(fa *ssa.FieldAddr) *types.Var {
	st := pointee(fa.X.Type()).Underlying().(*types.Struct)
	return st.Field(fa.Field).Origin()
}

// unwrapNum strips numeric conversions (uintptr(fd), int(h)).
func unwrapNum(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.Convert:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		default:
			return v
		}
	}
}
