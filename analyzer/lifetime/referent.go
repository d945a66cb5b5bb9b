package lifetime

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"github.com/weaklint/weaklint/internal/ssa"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// A site is a call that makes one of its arguments a weak referent or the
// object of a cleanup: an API of weakapi.Referents or a wrapper of one.
type site struct {
	fn     *ssa.Function // the function containing the call
	call   ssa.CallInstruction
	callee *types.Func
	args   []ssa.Value // receiver first
	ref    *referentFact
	keeps  bool // the API keeps the argument strongly for a while (rule 4 does not apply)
}

// lookup returns how a call of fn treats one of its arguments as a
// referent, or nil.
func (l *lifetime) lookup(fn *types.Func) (*referentFact, bool) {
	if r, ok := weakapi.LookupReferent(fn); ok {
		shift := 0
		if fn.Signature().Recv() != nil {
			shift = 1
		}
		name := r.Pkg[strings.LastIndex(r.Pkg, "/")+1:] + "."
		if r.Recv != "" {
			name += r.Recv + "."
		}
		return &referentFact{API: name + r.Name, Param: r.Param + shift, Weak: r.Weak, Drops: true}, r.Keeps
	}
	return l.wrapper(fn), false
}

// findReferents returns every referent site of the package, after finding
// which of its functions are wrappers. Wrappers may call one another in
// any order: the search repeats until no fact changes.
func (l *lifetime) findReferents() []*site {
	var calls []*site
	fns := l.funcs
	if l.pkgInit != nil {
		// Package-level variables' initializers (var ref = weak.Make(&x))
		// run in the package initializer, which no declaration names.
		fns = append([]*ssa.Function{l.pkgInit}, fns...)
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if callee, args := staticCallArgs(call.Common()); callee != nil {
					calls = append(calls, &site{fn: fn, call: call, callee: callee, args: args})
				}
			}
		}
	}
	for range len(l.funcs) + 1 {
		changed := false
		for _, s := range calls {
			s.ref, s.keeps = l.lookup(s.callee)
			if s.ref != nil && removesFinalizer(s) {
				s.ref = nil
			}
			if s.ref != nil && l.learnWrapper(s) {
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	return slices.DeleteFunc(calls, func(s *site) bool { return s.ref == nil || s.ref.Param >= len(s.args) })
}

// removesFinalizer reports whether s is runtime.SetFinalizer(obj, nil),
// which removes a finalizer rather than attaching one.
func removesFinalizer(s *site) bool {
	return s.ref.API == "runtime.SetFinalizer" && len(s.args) == 2 && isNil(s.args[1])
}

// learnWrapper records that s's function passes one of its parameters on
// as the referent, and reports whether that is news.
func (l *lifetime) learnWrapper(s *site) bool {
	decl, _ := s.fn.Object().(*types.Func)
	if decl == nil || s.fn.Parent() != nil || s.fn.Synthetic != "" || s.ref.Param >= len(s.args) {
		return false
	}
	p, ok := reach.Underlying(s.args[s.ref.Param]).(*ssa.Parameter)
	if !ok {
		return false
	}
	idx := slices.Index(s.fn.Params, p)
	if idx < 0 {
		return false
	}
	decl = decl.Origin()
	if old := l.wrappers[decl]; old != nil {
		return false // the first referent found describes the wrapper
	}
	l.wrappers[decl] = &referentFact{
		API:   s.ref.API,
		Param: idx,
		Weak:  s.ref.Weak,
		Drops: s.ref.Drops && !keptAfter(p, s.call),
		Typed: typeDecides(p.Type(), l.pass.Pkg),
	}
	return true
}

// checkReferent applies rules 1 to 4 to a referent site.
func (l *lifetime) checkReferent(s *site) {
	arg := s.args[s.ref.Param]
	o := l.originOf(arg)
	what, never := "the cleanup may never run", "the cleanup never runs"
	if s.ref.Weak {
		what, never = "the weak pointer may never become nil", "the weak pointer never becomes nil"
	}
	switch o.kind {
	case globalOrigin, staticOrigin:
		if l.keepsWeakly(s) {
			return
		}
	}
	switch o.kind {
	case globalOrigin:
		l.reportArg(s, fmt.Sprintf("%s of package-level variable %s: it is never collected, so %s; use a heap object (new(T)) or drop the %s",
			s.ref.API, o.global.Name(), never, noun(s.ref)))
		return
	case staticOrigin:
		l.reportArg(s, fmt.Sprintf("%s of the object of package-level variable %s: its initializer &T{…} is allocated statically and never collected, so %s; initialize it with new(T) or in init(), or drop the %s",
			s.ref.API, o.global.Name(), never, noun(s.ref)))
		return
	case heapOrigin, valueOrigin, paramOrigin:
		if o.kind == paramOrigin && s.fn.Parent() == nil && l.wrapper(fnObj(s.fn)) != nil && !typeDecides(o.param.Type(), l.pass.Pkg) {
			break // the callers are checked with their arguments
		}
		if o.kind != heapOrigin && !typeDecides(types.NewPointer(o.elem), l.pass.Pkg) {
			break // a pointer to an int may point into a larger object
		}
		if l.wrapperTyped(s) {
			break // reported in the wrapper, whose parameter type decided
		}
		if msg := l.sizeProblem(o.elem, s.ref, what, never); msg != "" {
			l.reportArg(s, msg)
			return
		}
	}
	if s.ref.Weak && s.ref.Drops && !s.keeps && o.kind == heapOrigin {
		l.checkDeadReferent(s, o) // rule 4
	}
}

// keepsWeakly reports whether s calls a wrapper that keeps a weak pointer
// to the argument for itself and goes on using the argument (an interner,
// a cache keyed by the object, fips140cache.Cache.Get): rule 3 does not
// apply through it, since a package-level object just gives it an entry
// that lasts as long as the object, which is right. Only a caller that
// gets the weak pointer (weak.Make itself, a wrapper that keeps nothing of
// the argument) can expect it to become nil.
func (l *lifetime) keepsWeakly(s *site) bool {
	_, api := weakapi.LookupReferent(s.callee)
	return !api && s.ref.Weak && !s.ref.Drops
}

// wrapperTyped reports whether s calls a wrapper whose own parameter type
// already decided rules 1 and 2.
func (l *lifetime) wrapperTyped(s *site) bool {
	_, api := weakapi.LookupReferent(s.callee)
	return !api && s.ref.Typed
}

// sizeProblem returns the report for a referent of type elem that is
// zero-size or tiny and pointer-free, or "".
func (l *lifetime) sizeProblem(elem types.Type, ref *referentFact, what, never string) string {
	if hasTypeParam(elem) {
		return ""
	}
	sizes := l.pass.TypesSizes
	if sizes == nil { // rules_go's nogo leaves it nil
		sizes = types.SizesFor("gc", "amd64")
	}
	size := sizes.Sizeof(elem)
	name := types.TypeString(elem, types.RelativeTo(l.pass.Pkg))
	switch {
	case size == 0:
		return fmt.Sprintf("%s of a zero-size object (%s): zero-size values share one address and are never freed, so %s; attach it to an object with a size",
			ref.API, name, never)
	case size < tinySize && !hasPointers(elem):
		return fmt.Sprintf("%s of a %d-byte pointer-free object (%s): the tiny allocator packs it into a 16-byte block with other values, so %s while any of them lives; add a pointer field or pad it to 16 bytes, or attach the %s to an owning object",
			ref.API, size, name, what, noun(ref))
	}
	return ""
}

// tinySize is the runtime's maxTinySize: pointer-free objects smaller than
// this share 16-byte blocks.
const tinySize = 16

func noun(ref *referentFact) string {
	if ref.Weak {
		return "weak pointer"
	}
	return "cleanup"
}

// typeDecides reports whether a pointer of type t points, in practice, to
// an object of its own: a struct or array of this package, not a number
// or another package's struct (sync/atomic.Int64) that may be a
// field of something larger, not a type parameter.
func typeDecides(t types.Type, pkg *types.Package) bool {
	elem := pointee(t)
	if elem == nil || hasTypeParam(elem) {
		return false
	}
	// Another package's named type (sync/atomic.Int64, sync.Mutex) is
	// mostly a field of larger objects, and its size is not the user's to
	// change: a pointer to one may point into anything.
	if named, ok := types.Unalias(elem).(*types.Named); ok && named.Obj().Pkg() != pkg {
		return false
	}
	switch elem.Underlying().(type) {
	case *types.Struct, *types.Array:
		return true
	}
	return false
}

func hasTypeParam(t types.Type) bool {
	found := false
	var visit func(t types.Type, depth int)
	visit = func(t types.Type, depth int) {
		if found || depth > 8 {
			return
		}
		switch t := t.(type) {
		case *types.TypeParam:
			found = true
		case *types.Named:
			if args := t.TypeArgs(); args != nil {
				for i := range args.Len() {
					visit(args.At(i), depth+1)
				}
			}
		case *types.Alias:
			visit(types.Unalias(t), depth)
		case *types.Pointer:
			visit(t.Elem(), depth+1)
		case *types.Array:
			visit(t.Elem(), depth+1)
		case *types.Struct:
			for i := range t.NumFields() {
				visit(t.Field(i).Type(), depth+1)
			}
		}
	}
	visit(t, 0)
	return found
}

// hasPointers reports whether values of type t hold pointers the collector
// scans.
func hasPointers(t types.Type) bool {
	switch t := t.Underlying().(type) {
	case *types.Basic:
		return t.Kind() == types.String || t.Kind() == types.UnsafePointer || t.Kind() == types.UntypedNil
	case *types.Array:
		return t.Len() > 0 && hasPointers(t.Elem())
	case *types.Struct:
		for i := range t.NumFields() {
			if hasPointers(t.Field(i).Type()) {
				return true
			}
		}
		return false
	}
	return true // pointers, slices, maps, channels, functions, interfaces
}
