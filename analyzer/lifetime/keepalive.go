package lifetime

import (
	"fmt"
	"go/token"
	"slices"
	"strings"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// checkKeepAlive applies rule 5: a resource copied out of an object whose
// cleanup releases it, used after the object's last use.
func (l *lifetime) checkKeepAlive() {
	for _, fn := range l.funcsUsingResources(l.accessor) {
		if l.runByCleanup(fn) {
			continue // the cleanup itself, or a helper of it: the object is gone already
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.UnOp:
					if field := loadedField(x); field != nil && l.isResource(field) {
						l.checkResourceUse(x, loadBase(x), field.Name())
					}
				case *ssa.Call:
					callee := staticCallee(x.Common())
					if callee != nil && callee.Signature().Recv() != nil && len(x.Common().Args) > 0 && l.accessor(callee) {
						l.checkResourceUse(x, x.Common().Args[0], callee.Name()+"()")
					}
				}
			}
		}
	}
}

// callsReleaser reports whether u calls a function that the package
// registers as a cleanup or finalizer.
func (l *lifetime) callsReleaser(u ssa.Instruction) bool {
	call, ok := u.(ssa.CallInstruction)
	if !ok {
		return false
	}
	callee := call.Common().StaticCallee()
	return callee != nil && l.releasers[callee]
}

// checkResourceUse reports the uses of resource r, copied out of obj, at
// which obj may already be unreachable.
func (l *lifetime) checkResourceUse(r ssa.Value, obj ssa.Value, what string) {
	if _, ok := reach.Underlying(obj).(*ssa.Global); ok {
		return
	}
	uses := l.resourceUses(r)
	if len(uses) == 0 || l.cancelledIn(r.Parent(), obj) {
		return
	}
	lv := liveUses(obj)
	var dead []ssa.Instruction
	for _, u := range uses {
		if l.callsReleaser(u) {
			// closeFD(s.fd) where closeFD is the cleanup itself: a cleanup
			// run early does what this call does, and KeepAlive would
			// change nothing.
			continue
		}
		if !lv.usedAfter(u, true) {
			dead = append(dead, u)
		}
	}
	if len(dead) == 0 || l.heldByCallers(obj) {
		return // or every caller keeps obj alive until the function returns
	}
	objText := l.objectText(r)
	if objText == "" {
		objText = "the object"
	}
	resText := objText + "." + what
	last := dead[0]
	for _, u := range dead {
		if u.Pos() > last.Pos() {
			last = u
		}
	}
	pos, end := dead[0].Pos(), token.NoPos
	if call, ok := dead[0].(ssa.CallInstruction); ok {
		if e := l.callExpr(call); e != nil {
			pos, end = e.Pos(), e.End() // the whole call that uses the resource
		}
	}
	d := analysis.Diagnostic{
		Pos:      pos,
		End:      end,
		Category: "lifetime",
		Message: fmt.Sprintf("%s is used after the last use of %s, whose cleanup releases it: %s may be collected and the cleanup run mid-use; add runtime.KeepAlive(%s) after the last use",
			resText, objText, objText, objText),
	}
	if objText != "the object" {
		if fix, ok := l.keepAliveFix(last, objText); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	l.out.Report(d)
}

// resourceUses returns the instructions that use resource r: calls that
// may operate on it (callUses: not runtime.KeepAlive, fmt and the like, nor
// a function of this package that only stores or compares it), and memory
// accessed through it when it is an address.
func (l *lifetime) resourceUses(r ssa.Value) []ssa.Instruction {
	var uses []ssa.Instruction
	seen := make(map[ssa.Value]bool)
	var visit func(v ssa.Value)
	// inAggregate adds the uses of the local struct agg whose field field
	// holds the resource.
	inAggregate := func(agg *ssa.Alloc, field int) {
		uses = append(uses, l.aggregateUses(agg, field)...)
	}
	visit = func(v ssa.Value) {
		if seen[v] {
			return
		}
		seen[v] = true
		refs := v.Referrers()
		if refs == nil {
			return
		}
		for _, ref := range *refs {
			switch x := ref.(type) {
			case *ssa.Convert, *ssa.ChangeType, *ssa.Slice:
				visit(x.(ssa.Value)) // conversions; m.data[off:] of a mapping
			case *ssa.BinOp:
				if x.Op == token.ADD || x.Op == token.SUB {
					visit(x)
				}
			case *ssa.UnOp:
				if x.Op == token.MUL {
					uses = append(uses, x)
				}
			case *ssa.Store:
				if x.Addr == v {
					uses = append(uses, x)
				} else if agg, field := localAggregate(x.Addr); agg != nil {
					// Written into a local struct (a system call's
					// attributes) that is then handed to a call.
					inAggregate(agg, field)
				}
			case *ssa.FieldAddr, *ssa.IndexAddr:
				uses = append(uses, x)
			case *ssa.Call:
				if isCopy(x.Common()) {
					uses = append(uses, x) // copy(p, m.data[off:]) reads or writes the memory
				} else if derivesPointer(x.Common()) {
					visit(x) // unsafe.Add(p, i), unsafe.Slice(p, n): memory of the resource
				} else {
					l.callUse(x, v, &uses, visit, inAggregate)
				}
			case ssa.CallInstruction:
				l.callUse(x, v, &uses, nil, inAggregate)
			}
		}
	}
	visit(r)
	return uses
}

// callUse adds call to uses if it may operate on the resource v it
// receives, and follows what a function of this package hands back: its
// result when it returns v (visit), a field of the caller's local struct
// it stores v into (inAggregate).
func (l *lifetime) callUse(call ssa.CallInstruction, v ssa.Value, uses *[]ssa.Instruction, visit func(ssa.Value), inAggregate func(*ssa.Alloc, int)) {
	if l.callUses(call, v, -1) {
		*uses = append(*uses, call)
	}
	if c, ok := call.(*ssa.Call); ok && visit != nil && l.returnsParam(c, v) {
		visit(c)
	}
	allocs, fields := l.storesParam(call, v)
	for i, agg := range allocs {
		inAggregate(agg, fields[i])
	}
}

// localAggregate returns the local variable whose field addr is (attr in
// attr.fd = fd, or in attr := attrs{fd: fd}) and the field's index, or nil.
func localAggregate(addr ssa.Value) (*ssa.Alloc, int) {
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return nil, -1
	}
	alloc, _ := fa.X.(*ssa.Alloc)
	return alloc, fa.Field
}

// aggregateUses returns the calls that receive local variable agg, by
// address (sys.MapLookupElem(&attr)) or by value, and may operate on its
// field field, which holds the resource; also through the copies of it
// made into other local variables (a composite literal is built in a
// temporary and then copied).
func (l *lifetime) aggregateUses(agg *ssa.Alloc, field int) []ssa.Instruction {
	var uses []ssa.Instruction
	seen := make(map[*ssa.Alloc]bool)
	var visit func(agg *ssa.Alloc)
	passed := func(v ssa.Value) {
		for _, ref := range *v.Referrers() {
			switch x := ref.(type) {
			case ssa.CallInstruction:
				if slices.Contains(x.Common().Args, v) && l.callUses(x, v, field) {
					uses = append(uses, x)
				}
			case *ssa.Store:
				if dst, ok := x.Addr.(*ssa.Alloc); ok && x.Val == v {
					visit(dst)
				}
			}
		}
	}
	visit = func(agg *ssa.Alloc) {
		if seen[agg] {
			return
		}
		seen[agg] = true
		passed(agg)
		for _, ref := range *agg.Referrers() {
			if load, ok := ref.(*ssa.UnOp); ok && load.Op == token.MUL {
				passed(load)
			}
		}
	}
	visit(agg)
	return uses
}

// isCopy reports whether call is the builtin copy.
func isCopy(call *ssa.CallCommon) bool {
	b, ok := call.Value.(*ssa.Builtin)
	return ok && b.Name() == "copy"
}

// derivesPointer reports whether call is a builtin of package unsafe that
// computes a pointer or slice from its pointer argument.
func derivesPointer(call *ssa.CallCommon) bool {
	b, ok := call.Value.(*ssa.Builtin)
	if !ok {
		return false
	}
	switch b.Name() {
	case "Add", "Slice", "String", "SliceData", "StringData":
		return true
	}
	return false
}

// releasesOrUses reports whether a call that receives a resource works
// with it (a system call, a method), rather than only formatting or
// keeping it alive.
func releasesOrUses(call *ssa.CallCommon) bool {
	if _, ok := call.Value.(*ssa.Builtin); ok {
		return false
	}
	fn := staticCallee(call)
	if fn == nil {
		return true
	}
	if fn.Pkg() == nil {
		return true
	}
	path := fn.Pkg().Path()
	if path == weakapi.RuntimePath {
		return fn.Name() != "KeepAlive" && fn.Name() != "SetFinalizer" && fn.Name() != "AddCleanup"
	}
	if valuePackages[path] {
		return false
	}
	for _, prefix := range []string{"encoding/", "hash/", "unicode/", "math/"} {
		if strings.HasPrefix(path, prefix) {
			return false
		}
	}
	return true
}

// valuePackages compute with a descriptor's number as data: formatting it,
// encoding it into a buffer (binary.LittleEndian.PutUint32(buf, fd)),
// comparing or sorting it. Writing the number down is not using the
// descriptor; the code that later uses the copy is where a KeepAlive
// belongs, and is not in view.
var valuePackages = map[string]bool{
	"fmt": true, "log": true, "log/slog": true, "strconv": true, "errors": true,
	"math": true, "sort": true, "slices": true, "maps": true, "strings": true,
	"bytes": true, "sync/atomic": true, "time": true,
}

// objectText returns the source text of the object a resource was copied
// from (f for f.fd or f.Fd()), when it is a plain name or selector.
func (l *lifetime) objectText(r ssa.Value) string {
	var pos token.Pos
	switch x := r.(type) {
	case *ssa.UnOp:
		pos = x.X.(*ssa.FieldAddr).Pos()
	case *ssa.Call:
		pos = x.Pos()
	}
	f := l.file(pos)
	if !pos.IsValid() || f == nil {
		return ""
	}
	return selectorBase(l.pass.TypesInfo, f, pos)
}

// cancelledIn reports whether fn stops obj's cleanup (Stop, Detach) or
// removes its finalizer: from then on the resource is the function's to
// release, and no cleanup can release it mid-use.
func (l *lifetime) cancelledIn(fn *ssa.Function, obj ssa.Value) bool {
	obj = reach.Underlying(obj)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee, args := staticCallArgs(call.Common())
			if callee == nil || len(args) == 0 {
				continue
			}
			if weakapi.IsCanceller(callee) {
				if o, _ := l.cancelledObject(args[0]); o != nil && reach.Underlying(o) == obj {
					return true
				}
			}
			if reg, ok := weakapi.LookupRegistrar(callee); ok && reg.Kind == weakapi.Finalizer && len(args) == 2 && isNil(args[1]) && reach.Underlying(args[0]) == obj {
				return true
			}
		}
	}
	return false
}
