// Package derefs is a fact-only analyzer: it finds which pointer
// parameters (and receivers) each function dereferences on every path that
// returns normally, and exports that as a *Fact for the functions of
// packages that can hold weak referents, so that passing a possibly
// reclaimed referent to another package's function is judged by its body:
// a nil-checking getter (protobuf's GetX) is not a use, a method that
// dereferences its receiver is. Where no fact exists (the package was not
// analyzed), a method is assumed to dereference its receiver.
//
// Its Result answers for any package, building the package's SSA only when
// a question needs it.
package derefs

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/lazyssa"
	"github.com/weaklint/weaklint/internal/nilsafe"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// Analyzer computes which parameters functions dereference. Its result is
// a *Result.
var Analyzer = &analysis.Analyzer{
	Name:       "weakderefs",
	Doc:        "find the pointer parameters each function dereferences on every path (fact-only, for weaklint's checks)",
	Requires:   []*analysis.Analyzer{lazyssa.Analyzer},
	FactTypes:  []analysis.Fact{new(Fact)},
	ResultType: reflect.TypeFor[*Result](),
	Run:        run,
}

// A Fact lists the pointer parameters that a function dereferences on every
// path that returns normally (argument indexes: a method's receiver is 0),
// and the constants it returns when one of them is nil (NilResults: a
// nil-safe IsAdmin returns false for a nil receiver, so that a caller's
// branch where it returned true excludes nil). It is exported for the
// exported functions and methods of a package that imports weak or
// runtimeweak or calls a weak source, when they differ from what is
// assumed without a fact (see exportFacts), and in any other package for
// what syntax shows (see exportSyntactic).
type Fact struct {
	Params     []int
	NilResults []nilsafe.NilResult
}

func (*Fact) AFact() {}

func (f *Fact) String() string {
	s := fmt.Sprintf("derefs%v", f.Params)
	for _, n := range f.NilResults {
		s += fmt.Sprintf(" nil%d->%d=%s", n.Param, n.Result, n.Value)
	}
	return s
}

// Result answers which values an instruction or a call dereferences. Its
// methods are not safe for concurrent use: an analyzer that requires it
// calls them from its own pass only.
type Result struct {
	pass    *analysis.Pass
	ssa     *lazyssa.Result
	imports map[*types.Func]*Fact
	derefs  map[*ssa.Parameter]derefState // memo of DerefsParam
	calls   map[*ssa.Parameter]derefState // memo of callsParam
}

func run(pass *analysis.Pass) (any, error) {
	r := &Result{
		pass:    pass,
		ssa:     pass.ResultOf[lazyssa.Analyzer].(*lazyssa.Result),
		imports: make(map[*types.Func]*Fact),
		derefs:  make(map[*ssa.Parameter]derefState),
		calls:   make(map[*ssa.Parameter]derefState),
	}
	for _, f := range pass.AllObjectFacts() {
		if fn, ok := f.Object.(*types.Func); ok && fn.Pkg() != pass.Pkg {
			r.imports[fn] = f.Fact.(*Fact)
		}
	}
	if BuildsAll(pass) {
		r.exportFacts()
	} else {
		exportSyntactic(pass)
	}
	return r, nil
}

// exportSyntactic exports, in a package without weak code, the facts that
// package nilsafe finds from syntax alone (nilsafe.Derefs): a method that
// does not dereference its pointer receiver when that is nil (a
// protobuf-style getter), a function or method that dereferences a pointer
// parameter on every path in a shape that syntax shows (geom.Distance(a,
// b *Vec3) reading a.X). The rule reads syntax only, not SSA, because go
// vet's fast path (internal/vetgate) writes the same facts for the packages
// that it does not type-check, and both must agree exactly. As elsewhere,
// only what differs from what is assumed without a fact is exported, so
// facts stay rare. The parameter rule is left out for the standard library
// (nilsafe.ParamRuleApplies), in every mode alike.
func exportSyntactic(pass *analysis.Pass) {
	for _, d := range nilsafe.PackageDerefs(pass.Pkg.Path(), pass.Files) {
		if fn, ok := pass.TypesInfo.Defs[d.Decl.Name].(*types.Func); ok {
			pass.ExportObjectFact(fn, SyntaxFact(d.Summary))
		}
	}
}

// SyntaxFact is the fact that exportSyntactic exports for a function that
// nilsafe.Derefs lists with summary s: what the vet gate and the language
// server write for the packages they skip (analyzer.Gate.SyntaxFact).
func SyntaxFact(s nilsafe.Summary) analysis.Fact {
	return &Fact{Params: s.Params, NilResults: s.NilResults}
}

// BuildsAll reports whether the analyzer builds the SSA form of every
// function of the package (lazyssa.Result.Get): in a package that imports
// weak or runtimeweak or selects a source, for the facts of all its
// exported functions. The analyzers that need only some functions
// (lazyssa.Result.GetFor) take them all from Get then, which costs
// nothing more.
func BuildsAll(pass *analysis.Pass) bool {
	return weakapi.ImportsAny(pass.Pkg, weakapi.WeakPath, weakapi.RuntimeWeakPath) || UsesSource(pass)
}

// UsesSource reports whether the package selects a known source of possibly
// reclaimed referents (weak.Pointer.Value, runtimeweak's getters). Every
// source is a method, so the selections (far fewer than all identifier
// uses) are enough.
func UsesSource(pass *analysis.Pass) bool {
	for _, sel := range pass.TypesInfo.Selections {
		if fn, ok := sel.Obj().(*types.Func); ok {
			if _, ok := weakapi.LookupSource(fn); ok {
				return true
			}
		}
	}
	return false
}

// exportFacts exports a Fact for every exported function and method (only
// those can be called from another package) whose behaviour differs from
// what is assumed without a fact: a method with a pointer receiver that
// does not dereference it (a nil-safe getter), a parameter dereferenced on
// every path, constants returned for a nil receiver or pointer parameter
// (from syntax, as in the packages without weak code: nilsafe.NilResults,
// ParamNilResults). Facts stay rare, so importers of a package that uses
// weak pointers are not made to look relevant to go vet's fast path by
// them.
func (r *Result) exportFacts() {
	for _, fn := range r.ssa.Get().SrcFuncs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || obj.Pkg() != r.pass.Pkg || !obj.Exported() {
			continue
		}
		var params []int
		for i, p := range fn.Params {
			if isPointer(p.Type()) && r.DerefsParam(p) {
				params = append(params, i)
			}
		}
		nilResults := syntaxNilResults(fn)
		if !slices.Equal(params, assumed(obj)) || len(nilResults) > 0 {
			r.pass.ExportObjectFact(obj, &Fact{Params: params, NilResults: nilResults})
		}
	}
}

// assumed returns what is assumed of fn without a fact: a method with a
// pointer receiver dereferences it, and nothing else is dereferenced.
func assumed(fn *types.Func) []int {
	if recv := fn.Signature().Recv(); recv != nil && isPointer(recv.Type()) {
		return []int{0}
	}
	return nil
}

// NilResults returns the constants that fn returns for a nil pointer
// argument (nilsafe.NilResult): its fact's for a function of another
// package, what its syntax shows for one of this package.
func (r *Result) NilResults(fn *types.Func) []nilsafe.NilResult {
	fn = fn.Origin()
	if fn.Pkg() != r.pass.Pkg {
		if f, ok := r.imports[fn]; ok {
			return f.NilResults
		}
		return nil
	}
	if f := r.ssa.Get().Pkg.Prog.FuncValue(fn); f != nil {
		return syntaxNilResults(f)
	}
	return nil
}

// syntaxNilResults returns nilsafe.NilResults and ParamNilResults of a
// declared function or method. (Not memoized: the rule looks at the body once, and the checks
// that read the Result may do so from their own passes.)
func syntaxNilResults(fn *ssa.Function) []nilsafe.NilResult {
	if fd, ok := fn.Syntax().(*ast.FuncDecl); ok {
		return append(nilsafe.NilResults(fd), nilsafe.ParamNilResults(fd)...)
	}
	return nil
}

// Func returns the pointer parameters (a method's receiver is 0) that fn
// dereferences on every path, and false if that is not known (a function
// of a package that was not analyzed).
func (r *Result) Func(fn *types.Func) ([]int, bool) {
	fn = fn.Origin()
	if fn.Pkg() != r.pass.Pkg {
		f, ok := r.imports[fn]
		if !ok {
			return nil, false
		}
		return f.Params, true
	}
	f := r.ssa.Get().Pkg.Prog.FuncValue(fn)
	if f == nil {
		return nil, false
	}
	var params []int
	for i, p := range f.Params {
		if r.DerefsParam(p) {
			params = append(params, i)
		}
	}
	return params, true
}

// Dereferenced returns the pointer operands that instr dereferences: the
// operations that panic when the pointer is nil (field selection, *p,
// indexing or slicing a pointer to an array, a store, a method value of a
// dereferencing method, a call of a function that dereferences its
// argument). Calls through an interface are not followed here.
func (r *Result) Dereferenced(instr ssa.Instruction) []ssa.Value {
	switch instr := instr.(type) {
	case *ssa.FieldAddr:
		return []ssa.Value{instr.X}
	case *ssa.IndexAddr:
		if isPointer(instr.X.Type()) { // *[N]T
			return []ssa.Value{instr.X}
		}
	case *ssa.Slice:
		if isPointer(instr.X.Type()) { // (*[N]T)[i:j]
			return []ssa.Value{instr.X}
		}
	case *ssa.UnOp:
		if instr.Op.String() == "*" {
			return []ssa.Value{instr.X}
		}
	case *ssa.Store:
		return append([]ssa.Value{instr.Addr}, r.boundReceivers(instr)...)
	case *ssa.MakeClosure:
		// v.M as a value with a value receiver copies *v right here.
		// With a pointer receiver it only binds v: the dereference
		// happens where the method value is called or leaves the
		// function's sight (boundReceivers), unless it meets other
		// values in a φ-node, where that is no longer followed.
		if recv, byPointer := r.boundReceiver(instr); recv != nil && (!byPointer || flowsIntoPhi(instr)) {
			return []ssa.Value{recv}
		}
		return nil
	case *ssa.DebugRef:
		return nil
	case ssa.CallInstruction:
		var out []ssa.Value
		if !instr.Common().IsInvoke() {
			out = r.dereferencedArgs(instr.Common())
		}
		return append(out, r.boundReceivers(instr)...)
	}
	return r.boundReceivers(instr)
}

// boundReceiver returns the receiver bound by mc if mc is a method value
// v.M whose method dereferences it, and whether the receiver is a pointer
// (rather than copied out of one).
func (r *Result) boundReceiver(mc *ssa.MakeClosure) (recv ssa.Value, byPointer bool) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || fn.Synthetic == "" || len(mc.Bindings) != 1 {
		return nil, false
	}
	m, ok := fn.Object().(*types.Func)
	if !ok || m.Signature().Recv() == nil || !r.MethodDerefsReceiver(fn.Prog, m) {
		return nil, false
	}
	return mc.Bindings[0], isPointer(m.Signature().Recv().Type())
}

// boundReceivers returns the receivers of the pointer-receiver method
// values that instr calls or lets escape (returns, stores, passes on):
// send := st.Send; if st == nil { return }; send(f) dereferences st at
// send(f), where st is known non-nil, not where send was made.
func (r *Result) boundReceivers(instr ssa.Instruction) []ssa.Value {
	if _, ok := instr.(*ssa.Phi); ok {
		return nil // (the method value's creation is the use: see Dereferenced)
	}
	var out []ssa.Value
	for _, op := range instr.Operands(nil) {
		mc, ok := (*op).(*ssa.MakeClosure)
		if !ok {
			continue
		}
		if recv, byPointer := r.boundReceiver(mc); recv != nil && byPointer && !flowsIntoPhi(mc) {
			out = append(out, recv)
		}
	}
	return out
}

// flowsIntoPhi reports whether v meets other values in a φ-node.
func flowsIntoPhi(v ssa.Value) bool {
	for _, ref := range *v.Referrers() {
		if _, ok := ref.(*ssa.Phi); ok {
			return true
		}
	}
	return false
}

// methodDerefsReceiver reports whether calling method m on a nil pointer
// dereferences it: a method of this package that does so on every path, a
// method of another package whose DerefFact says so, or one of another
// package without a fact (whose body was not analyzed: a method called on
// a reclaimed referent is rarely meant to see nil).
func (r *Result) MethodDerefsReceiver(prog *ssa.Program, m *types.Func) bool {
	sig := m.Signature()
	if sig.Recv() == nil {
		return false
	}
	if !isPointer(sig.Recv().Type()) {
		return true // copied out of *v
	}
	if m.Pkg() == r.pass.Pkg {
		if fn := prog.FuncValue(m.Origin()); fn != nil && len(fn.Params) > 0 {
			return r.DerefsParam(fn.Params[0])
		}
		return false
	}
	if f, ok := r.imports[m.Origin()]; ok {
		return slices.Contains(f.Params, 0)
	}
	return true
}

// dereferencedArgs returns the arguments that the callee dereferences: any
// parameter that a function of this package dereferences on every path, the
// parameters that another package's DerefFact lists, and, without a fact,
// the receiver of a method declared elsewhere (see methodDerefsReceiver).
func (r *Result) dereferencedArgs(common *ssa.CallCommon) []ssa.Value {
	if common.IsInvoke() {
		return nil
	}
	if inner, ok := common.Value.(*ssa.Call); ok {
		// for e := range r.Members(): the iterator that Members returns
		// is called here, and it may dereference what Members captured.
		return r.closureDerefArgs(inner)
	}
	if fn := r.localCallee(common); fn != nil {
		var args []ssa.Value
		for i, arg := range common.Args {
			if i >= len(fn.Params) {
				break
			}
			if r.DerefsParam(fn.Params[i]) {
				args = append(args, arg)
			}
			if inner := closureCall(arg); inner != nil && r.callsParam(fn.Params[i]) {
				// Downsample(s.Range(from, to), step) runs the
				// iterator that Range returns, and so dereferences
				// what Range's closure dereferences.
				args = append(args, r.closureDerefArgs(inner)...)
			}
		}
		return args
	}
	callee := common.StaticCallee()
	if callee == nil || len(common.Args) == 0 {
		return nil
	}
	m, ok := callee.Object().(*types.Func)
	if !ok {
		return nil
	}
	if _, bound := common.Value.(*ssa.MakeClosure); bound {
		return nil // the receiver is bound, not in Args (see boundReceivers)
	}
	if f, ok := r.imports[m.Origin()]; ok {
		var args []ssa.Value
		for _, i := range f.Params {
			if i < len(common.Args) {
				args = append(args, common.Args[i])
			}
		}
		return args
	}
	// A method called directly, or through a method expression's thunk
	// ((*T).M(v)); a value receiver is copied by an explicit load,
	// reported as such.
	if m.Signature().Recv() == nil || !isPointer(m.Signature().Recv().Type()) {
		return nil
	}
	if !r.MethodDerefsReceiver(callee.Prog, m) {
		return nil
	}
	return common.Args[:1]
}

type derefState int8

const (
	derefUnknown derefState = iota
	derefInProgress
	derefYes
	derefNo
)

// derefsParam reports whether the function dereferences its parameter p on
// every path that returns normally: some dereference of p sits in a block
// that dominates every return.
func (r *Result) DerefsParam(p *ssa.Parameter) bool {
	switch r.derefs[p] {
	case derefYes:
		return true
	case derefNo, derefInProgress: // recursion: assume not
		return false
	}
	r.derefs[p] = derefInProgress
	result := r.computeDerefsParam(p)
	if result {
		r.derefs[p] = derefYes
	} else {
		r.derefs[p] = derefNo
	}
	return result
}

func (r *Result) computeDerefsParam(p *ssa.Parameter) bool {
	if !isPointer(p.Type()) {
		return false
	}
	return r.derefsOnEveryPath(p.Parent(), paramReads(p))
}

// derefsOnEveryPath reports whether fn dereferences one of reads, the
// values that read one pointer, on every path that returns normally.
func (r *Result) derefsOnEveryPath(fn *ssa.Function, reads []ssa.Value) bool {
	if len(fn.Blocks) == 0 {
		return false
	}
	// The blocks that dereference p (a return ends its block, so a path
	// through such a block dereferences p before returning).
	derefs := make(map[*ssa.BasicBlock]bool)
	for _, v := range reads {
		for _, ref := range *v.Referrers() {
			users := []ssa.Instruction{ref}
			if mc, ok := ref.(*ssa.MakeClosure); ok {
				// p.M as a value: dereferenced where it is called.
				users = append(users, *mc.Referrers()...)
			}
			if call, ok := ref.(*ssa.Call); ok {
				// range p.Members(): dereferenced where the closure
				// it returns is called (closureDerefArgs).
				users = append(users, callsOf(call)...)
			}
			for _, u := range users {
				for _, d := range r.Dereferenced(u) {
					if d == v {
						derefs[u.Block()] = true
					}
				}
			}
		}
	}
	return onEveryPath(fn, derefs, reads)
}

// closureCall returns the call whose function result v is (through a
// conversion to a named function type, as iter.Seq[T]), or nil.
func closureCall(v ssa.Value) *ssa.Call {
	if ct, ok := v.(*ssa.ChangeType); ok {
		v = ct.X
	}
	call, _ := v.(*ssa.Call)
	if call == nil {
		return nil
	}
	if _, ok := call.Type().Underlying().(*types.Signature); !ok {
		return nil
	}
	return call
}

// callsParam reports whether the function calls its function parameter p
// on every path that returns normally (for x := range seq calls seq), as
// DerefsParam does for dereferences.
func (r *Result) callsParam(p *ssa.Parameter) bool {
	switch r.calls[p] {
	case derefYes:
		return true
	case derefNo, derefInProgress:
		return false
	}
	r.calls[p] = derefInProgress
	result := false
	if _, ok := p.Type().Underlying().(*types.Signature); ok {
		reads := paramReads(p)
		calls := make(map[*ssa.BasicBlock]bool)
		for _, v := range reads {
			for _, c := range callsOf(v) {
				calls[c.Block()] = true
			}
		}
		result = onEveryPath(p.Parent(), calls, reads)
	}
	r.calls[p] = derefNo
	if result {
		r.calls[p] = derefYes
	}
	return result
}

// onEveryPath reports whether every path of fn that returns normally
// passes one of the marked blocks, but for returns that reject an argument
// before any branch on reads (rejectsArgument).
func onEveryPath(fn *ssa.Function, derefs map[*ssa.BasicBlock]bool, reads []ssa.Value) bool {
	if len(derefs) == 0 {
		return false
	}
	// p is dereferenced on every path that returns normally if no return
	// can be reached from the entry without passing such a block, but for
	// returns that reject an argument (rejectsArgument). (The recover
	// block is reached only by a recovered panic.)
	seen := make([]bool, len(fn.Blocks))
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	seen[0] = true
	returns := false
	var before []*ssa.BasicBlock // the blocks reached before any dereference
	rejects := false
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if derefs[b] {
			continue
		}
		before = append(before, b)
		if len(b.Instrs) > 0 {
			if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
				if !rejectsArgument(fn, ret) {
					return false
				}
				rejects = true
			}
		}
		for _, s := range b.Succs {
			if !seen[s.Index] {
				seen[s.Index] = true
				stack = append(stack, s)
			}
		}
	}
	if rejects && branchesOn(before, reads) {
		return false // if p == nil { return ErrNil }: nil-safe
	}
	// No normal return escapes; at least one must exist behind a
	// dereference, else the function never returns.
	for b := range derefs {
		if b != fn.Recover {
			returns = true
		}
	}
	return returns
}

// rejectsArgument reports whether ret returns a non-nil error as fn's last
// result: the early return of a method that validates its other arguments
// before it uses its receiver,
//
//	func (b *Batch) Add(e Entry) error { if err := e.Validate(); err != nil { return err }; b.mu.Lock(); ... }
//	func (s *Snapshot) Line(n int) (string, error) { if n < 0 || n >= len(s.lines) { return "", errBad }; ... }
//
// A nil receiver panics whenever the arguments are valid, so such a return
// does not make the method nil-safe, provided that no branch before the
// dereference tests the receiver (branchesOn).
func rejectsArgument(fn *ssa.Function, ret *ssa.Return) bool {
	results := fn.Signature.Results()
	n := results.Len()
	if n == 0 || len(ret.Results) != n || !types.Identical(results.At(n-1).Type(), errorType) {
		return false
	}
	return !mayBeNilError(ret.Results[n-1])
}

var errorType = types.Universe.Lookup("error").Type()

// mayBeNilError reports whether the error value e may be nil as far as one
// look shows: the nil constant, or a φ with such an edge.
func mayBeNilError(e ssa.Value) bool {
	switch e := e.(type) {
	case *ssa.Const:
		return e.IsNil()
	case *ssa.Phi:
		for _, x := range e.Edges {
			if c, ok := x.(*ssa.Const); ok && c.IsNil() {
				return true
			}
		}
	}
	return false
}

// branchesOn reports whether a block of blocks branches on a value computed
// from one of reads (a nil check of the pointer, a call that takes it, a
// field of it): the values computed from reads are followed forward through
// the instructions that use them, once each.
func branchesOn(blocks []*ssa.BasicBlock, reads []ssa.Value) bool {
	conds := make(map[ssa.Value]bool)
	for _, b := range blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
			conds[br.Cond] = true
		}
	}
	if len(conds) == 0 {
		return false
	}
	seen := make(map[ssa.Value]bool)
	queue := append([]ssa.Value(nil), reads...)
	for len(queue) > 0 {
		v := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if seen[v] {
			continue
		}
		seen[v] = true
		if conds[v] {
			return true
		}
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, ref := range *refs {
			if u, ok := ref.(ssa.Value); ok && !seen[u] {
				queue = append(queue, u)
			}
		}
	}
	return false
}

// paramReads returns the values of fn that read parameter p: p itself and,
// when a closure captures p, the loads of the heap cell that the SSA builder
// spills it into at entry (func (m *M) update() { m.n++; each(func() { m.k++ }) }
// reads m only through the cell). The cell must hold p alone: stored once,
// in the entry block, and only loaded afterwards, here and in the closures
// bound to it; a closure that assigns the variable makes its loads
// something else.
func paramReads(p *ssa.Parameter) []ssa.Value {
	reads := []ssa.Value{p}
	for _, ref := range *p.Referrers() {
		st, ok := ref.(*ssa.Store)
		if !ok || st.Val != ssa.Value(p) || st.Block() != p.Parent().Blocks[0] {
			continue
		}
		cell, ok := st.Addr.(*ssa.Alloc)
		if !ok || !onlyLoadedAfter(cell, st) {
			continue
		}
		for _, ref := range *cell.Referrers() {
			if load, ok := ref.(*ssa.UnOp); ok && load.Op.String() == "*" {
				reads = append(reads, load)
			}
		}
	}
	return reads
}

// onlyLoadedAfter reports whether every use of cell, in its function and
// in the closures it is bound to, loads from it, but for the one store st.
func onlyLoadedAfter(cell ssa.Value, st *ssa.Store) bool {
	for _, ref := range *cell.Referrers() {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if ref.Op.String() != "*" {
				return false
			}
		case *ssa.Store:
			if ref != st {
				return false
			}
		case *ssa.MakeClosure:
			fn, ok := ref.Fn.(*ssa.Function)
			if !ok {
				return false
			}
			for i, b := range ref.Bindings {
				if b == cell && (i >= len(fn.FreeVars) || !onlyLoadedAfter(fn.FreeVars[i], st)) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// localCallee returns the function of this package (declared or literal)
// statically called by common, or nil.
func (r *Result) localCallee(common *ssa.CallCommon) *ssa.Function {
	fn := common.StaticCallee()
	if fn == nil {
		return nil
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if fn.Synthetic != "" || fn.Blocks == nil || fn.Pkg == nil || fn.Pkg.Pkg != r.pass.Pkg {
		return nil
	}
	return fn
}

// closureDerefArgs returns the arguments of inner, a call of a function of
// this package that returns a closure, that the closure dereferences on
// every path when it is called: the receiver of an iterator method
//
//	func (r *Room) Members() iter.Seq[*Entity] { return func(yield func(*Entity) bool) { r.mu.RLock(); ... } }
//
// is dereferenced where the caller ranges over r.Members(), not by
// Members itself. Every return of the callee must return such a closure.
func (r *Result) closureDerefArgs(inner *ssa.Call) []ssa.Value {
	fn := r.localCallee(inner.Common())
	if fn == nil || fn.Signature.Results().Len() != 1 {
		return nil
	}
	var args []ssa.Value
	for i, arg := range inner.Call.Args {
		if i < len(fn.Params) && isPointer(fn.Params[i].Type()) && r.returnedClosuresDeref(fn, fn.Params[i]) {
			args = append(args, arg)
		}
	}
	return args
}

// returnedClosuresDeref reports whether every return of fn returns a
// function literal that captures parameter p and dereferences it on every
// path that returns normally.
func (r *Result) returnedClosuresDeref(fn *ssa.Function, p *ssa.Parameter) bool {
	found := false
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		res := ret.Results[0]
		if ct, ok := res.(*ssa.ChangeType); ok {
			res = ct.X // func(yield) {...} as iter.Seq[T]
		}
		mc, ok := res.(*ssa.MakeClosure)
		if !ok {
			return false
		}
		lit, ok := mc.Fn.(*ssa.Function)
		if !ok || !r.closureDerefs(lit, mc, p) {
			return false
		}
		found = true
	}
	return found
}

// closureDerefs reports whether lit, made by mc, dereferences p (bound
// directly, or through the cell that holds only p) on every path.
func (r *Result) closureDerefs(lit *ssa.Function, mc *ssa.MakeClosure, p *ssa.Parameter) bool {
	for i, b := range mc.Bindings {
		if i >= len(lit.FreeVars) {
			break
		}
		fv := lit.FreeVars[i]
		var inLit []ssa.Value
		switch {
		case b == ssa.Value(p):
			inLit = []ssa.Value{fv}
		default:
			cell, ok := b.(*ssa.Alloc)
			if !ok || !cellOf(cell, p) {
				continue
			}
			for _, ref := range *fv.Referrers() {
				if load, ok := ref.(*ssa.UnOp); ok && load.Op.String() == "*" {
					inLit = append(inLit, load)
				}
			}
		}
		if len(inLit) > 0 && r.derefsOnEveryPath(lit, inLit) {
			return true
		}
	}
	return false
}

// cellOf reports whether cell is a heap cell that holds only parameter p:
// stored once, with p, in the entry block, and only loaded afterwards (see
// paramReads).
func cellOf(cell *ssa.Alloc, p *ssa.Parameter) bool {
	for _, ref := range *p.Referrers() {
		st, ok := ref.(*ssa.Store)
		if ok && st.Addr == ssa.Value(cell) && st.Val == ssa.Value(p) && st.Block() == p.Parent().Blocks[0] {
			return onlyLoadedAfter(cell, st)
		}
	}
	return false
}

// callsOf returns the calls of the function value v.
func callsOf(v ssa.Value) []ssa.Instruction {
	var out []ssa.Instruction
	for _, ref := range *v.Referrers() {
		if c, ok := ref.(ssa.CallInstruction); ok && c.Common().Value == v {
			out = append(out, ref)
		}
	}
	return out
}
