package lazyssa

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"sync/atomic"

	"github.com/weaklint/weaklint/internal/ssa"
)

// GetFor returns the SSA form of the functions of the package that may
// matter to an analyzer whose rules start from the objects for which start
// reports true (a cleanup API, a function carrying one of its facts):
//
//   - every declared function or method whose body (closures included)
//     uses such an object, directly or through a chain of references to
//     the package's own functions (a call, a function value, a method value
//     or expression, a generic instance): the callers of the relevant
//     functions, transitively;
//   - with each method M chosen, every function that calls a method M of
//     an interface (the call may run it: Implementers), and with any
//     function chosen, every function that calls a func-typed field (it may
//     run a function stored there: FieldFuncs), and their callers in turn;
//   - every function of the package that one of those refers to,
//     transitively, so that following a static call never meets an unbuilt
//     body (reach looks into callees);
//   - every function that has an expression of a type with a chosen
//     method, since converting it to an interface decides Implementations.
//
// start is asked only about functions and methods, struct fields and
// package-level variables: no rule starts from a local variable, a type or
// a constant. A function whose body uses none of these is left out. So the chosen
// callers are closed under the edges of Components (every function with an
// edge into one is chosen), and the result's Components, restricted to
// them, are Get's, in the same order (Tarjan's search from a function that
// cannot reach them never enters them, and what they reach is built), and
// so is what FieldFuncs and Implementations say of them. Package-level
// variables' initializers count as one more function (the package
// initializer's closures). The result's SrcFuncs lists the chosen
// functions in source order, as Get's lists all of them.
//
// Only the chosen functions are built (ssa.Package.BuildFuncs), once, with
// the package initializer: for a large package that refers to a cleanup API
// in a few places (net, os, test packages) that is a small part of Get's
// cost. A later Get builds the rest. Each call makes its own selection.
// It is safe for concurrent use with itself, GetUsing and Get.
func (r *Result) GetFor(start func(types.Object) bool) *SSA {
	return r.get(start, true)
}

// GetUsing returns the SSA form of the functions of the package whose
// bodies (closures included) use an object for which uses reports true (a
// function or method, a struct field or a package-level variable),
// and of every function of the package they refer to, transitively, in
// source order: what a scan of Get's SrcFuncs for the uses of known
// objects (a field, a package-level variable, a method) needs. Unlike
// GetFor's, the result's Components mean nothing. It is safe for
// concurrent use with itself, GetFor and Get.
func (r *Result) GetUsing(uses func(types.Object) bool) *SSA {
	return r.get(uses, false)
}

// everything, set by tests (SetBuildAll), makes GetFor and GetUsing return
// Get's SSA: the reference that their selections must agree with.
var everything atomic.Bool

// SetBuildAll makes GetFor and GetUsing return all the package's functions
// (Get) while on is true, for tests that compare an analyzer's findings and
// facts with and without the selections.
func SetBuildAll(on bool) { everything.Store(on) }

func (r *Result) get(start func(types.Object) bool, callers bool) *SSA {
	if everything.Load() {
		return r.Get()
	}
	r.refsOnce.Do(func() { r.refs = newReferences(r.pass.Pkg, r.pass.Files, r.pass.TypesInfo) })
	chosen := r.refs.closure(start, callers)

	r.buildMu.Lock()
	defer r.buildMu.Unlock()
	if r.pkg == nil {
		r.pkg = createPackage(r.pass)
	}
	pkg := r.pkg
	var fns []*ssa.Function
	if init := pkg.Func("init"); init != nil {
		fns = append(fns, init) // package-level initializers (Implementations reads them)
	}
	for _, n := range chosen {
		if obj := r.refs.nodes[n].fn; obj != nil {
			if fn := pkg.Prog.FuncValue(obj); fn != nil {
				fns = append(fns, fn)
			}
		}
	}
	pkg.BuildFuncs(fns)
	return r.view(pkg, chosen)
}

// view lists the chosen functions' SSA in source order, closures included,
// as build does for all of them.
func (r *Result) view(pkg *ssa.Package, chosen []int) *SSA {
	var funcs []*ssa.Function
	var addWithAnons func(f *ssa.Function)
	addWithAnons = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			addWithAnons(anon)
		}
	}
	initChosen := false
	for _, n := range chosen {
		obj := r.refs.nodes[n].fn
		if obj == nil {
			initChosen = true
			continue
		}
		if f := pkg.Prog.FuncValue(obj); f != nil {
			addWithAnons(f)
		}
	}
	if init := pkg.Func("init"); init != nil && initChosen {
		for _, anon := range init.AnonFuncs {
			addWithAnons(anon)
		}
	}
	return &SSA{Pkg: pkg, SrcFuncs: funcs, files: r.pass.Files, info: r.pass.TypesInfo}
}

// references is the syntactic reference graph of a package's functions:
// for each declared function (a node), the objects its body uses and the
// declared functions among them.
type references struct {
	nodes   []refNode      // declared functions in source order, then the initializers' node
	objects []types.Object // the objects the nodes use, each once
	uses    [][]int32      // for each node, the indexes in objects of those it uses
	succs   [][]int
	preds   [][]int

	fieldCalls map[funcShape][]int       // nodes that call a func-typed field, by the field's shape
	invokes    map[string][]invoke       // calls of interface methods, by the method's name
	typeUsers  map[*types.TypeName][]int // nodes with an expression of a type of the package, or of a pointer to one
	valueRefs  map[int]bool              // nodes whose function is used other than by calling it
	litShapes  [][]funcShape             // the shapes of each node's function literals
}

// An invoke is a call of a method that interface type iface declares, in
// a node.
type invoke struct {
	node  int
	iface types.Type
}

// A funcShape is what a function value's type must match to be stored in
// a func-typed field (identical underlying types, looser).
type funcShape struct {
	params, results int
	variadic        bool
}

func shapeOf(sig *types.Signature, extra int) funcShape {
	return funcShape{sig.Params().Len() + extra, sig.Results().Len(), sig.Variadic()}
}

// A refNode is a declared function or method (fn), or, with fn nil, the
// package-level variables' initializers.
type refNode struct {
	fn *types.Func
}

func newReferences(pkg *types.Package, files []*ast.File, info *types.Info) *references {
	g := &references{
		fieldCalls: make(map[funcShape][]int),
		invokes:    make(map[string][]invoke),
		typeUsers:  make(map[*types.TypeName][]int),
		valueRefs:  make(map[int]bool),
	}
	byFunc := make(map[*types.Func]int)
	type extent struct {
		pos, end token.Pos
		node     int
	}
	var extents, inits []extent
	for _, f := range files {
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				obj, _ := info.Defs[decl.Name].(*types.Func)
				if obj == nil {
					continue
				}
				byFunc[obj] = len(g.nodes)
				extents = append(extents, extent{decl.Pos(), decl.End(), len(g.nodes)})
				g.nodes = append(g.nodes, refNode{fn: obj})
			case *ast.GenDecl:
				if decl.Tok == token.VAR {
					inits = append(inits, extent{decl.Pos(), decl.End(), -1})
				}
			}
		}
	}
	if len(inits) > 0 {
		for _, e := range inits {
			e.node = len(g.nodes)
			extents = append(extents, e)
		}
		g.nodes = append(g.nodes, refNode{})
	}
	slices.SortFunc(extents, func(a, b extent) int { return int(a.pos - b.pos) })
	nodeAt := func(pos token.Pos) int {
		i := sort.Search(len(extents), func(i int) bool { return extents[i].end > pos })
		if i < len(extents) && extents[i].pos <= pos {
			return extents[i].node
		}
		return -1
	}

	// One pass over the expressions: the callees named by calls, function
	// literals, and expressions whose value may be converted to an
	// interface.
	called := make(map[*ast.Ident]bool)
	g.litShapes = make([][]funcShape, len(g.nodes))
	for e, tv := range info.Types {
		switch e := e.(type) {
		case *ast.CallExpr:
			switch fun := ast.Unparen(e.Fun).(type) {
			case *ast.Ident:
				called[fun] = true
			case *ast.SelectorExpr:
				called[fun.Sel] = true
			case *ast.IndexExpr: // f[T](x)
				called[calleeIdent(fun.X)] = true
			case *ast.IndexListExpr:
				called[calleeIdent(fun.X)] = true
			}
		case *ast.FuncLit:
			if n := nodeAt(e.Pos()); n >= 0 {
				if sig, ok := tv.Type.(*types.Signature); ok {
					g.litShapes[n] = append(g.litShapes[n], shapeOf(sig, 0))
				}
			}
		}
		if tv.IsType() {
			continue // a type expression, as in a declaration
		}
		t := tv.Type
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		named, ok := types.Unalias(t).(*types.Named)
		if !ok {
			continue
		}
		if tn := named.Origin().Obj(); tn.Pkg() == pkg {
			if n := nodeAt(e.Pos()); n >= 0 {
				g.typeUsers[tn] = append(g.typeUsers[tn], n)
			}
		}
	}

	g.uses = make([][]int32, len(g.nodes))
	g.succs = make([][]int, len(g.nodes))
	g.preds = make([][]int, len(g.nodes))
	objIndex := make(map[types.Object]int32)
	for id, obj := range info.Uses {
		switch obj := obj.(type) {
		case *types.Func:
		case *types.Var:
			if !obj.IsField() && obj.Pkg() == pkg && obj.Parent() != pkg.Scope() {
				continue // a local variable: no rule starts from one
			}
		default:
			continue // a type, constant, package name, label or builtin
		}
		n := nodeAt(id.Pos())
		fn, isFunc := obj.(*types.Func)
		var m int
		local := false
		if isFunc {
			m, local = byFunc[fn.Origin()]
			if local && !called[id] {
				g.valueRefs[m] = true // a function value, a method value or expression
			}
		}
		if n < 0 {
			continue
		}
		i, ok := objIndex[obj]
		if !ok {
			i = int32(len(g.objects))
			objIndex[obj] = i
			g.objects = append(g.objects, obj)
		}
		g.uses[n] = append(g.uses[n], i)
		if local && m != n {
			g.succs[n] = append(g.succs[n], m)
			g.preds[m] = append(g.preds[m], n)
		}
	}
	// Calls whose callee the SSA form cannot name: a func-typed field
	// (x.f()), an interface method (x.M()). Only a selector can be either.
	for sel, s := range info.Selections {
		n := nodeAt(sel.Pos())
		if n < 0 || !called[sel.Sel] {
			continue
		}
		switch s.Kind() {
		case types.FieldVal:
			if sig, ok := s.Type().Underlying().(*types.Signature); ok {
				g.fieldCalls[shapeOf(sig, 0)] = append(g.fieldCalls[shapeOf(sig, 0)], n)
			}
		case types.MethodVal:
			// The interface declaring the method: x's own type, or an
			// interface embedded in it (x.Reader.Read as x.Read).
			if recv := s.Obj().(*types.Func).Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
				g.invokes[s.Obj().Name()] = append(g.invokes[s.Obj().Name()], invoke{n, recv.Type()})
			}
		}
	}
	return g
}

// closure returns, in source order, the nodes that use an object for
// which start reports true and, with callers, those that reach one that
// does (see GetFor), and the nodes those refer to, transitively.
func (g *references) closure(start func(types.Object) bool, callers bool) []int {
	in := make([]bool, len(g.nodes))
	var stack []int
	add := func(n int) {
		if !in[n] {
			in[n] = true
			stack = append(stack, n)
		}
	}
	starts := make([]bool, len(g.objects))
	for i, obj := range g.objects {
		starts[i] = start(obj)
	}
	for n, objs := range g.uses {
		for _, i := range objs {
			if starts[i] {
				add(n)
				break
			}
		}
	}
	if callers {
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, m := range g.preds[n] {
				add(m)
			}
			fn := g.nodes[n].fn
			// The calls of an interface method that may run fn.
			if fn != nil && fn.Signature().Recv() != nil {
				for _, inv := range g.invokes[fn.Name()] {
					if mayRun(inv, fn) {
						add(inv.node)
					}
				}
			}
			// The calls of a func-typed field that may run fn or one of
			// its closures, if stored there.
			var shapes []funcShape
			if fn != nil && g.valueRefs[n] {
				shapes = append(shapes, shapeOf(fn.Signature(), 0), shapeOf(fn.Signature(), 1)) // (a method expression takes the receiver first)
			}
			for _, shape := range append(shapes, g.litShapes[n]...) {
				for _, m := range g.fieldCalls[shape] {
					add(m)
				}
			}
		}
		// The types with a chosen method that a chosen function may call
		// through an interface: the functions that may convert them to
		// one (Implementations).
		for n, ok := range slices.Clone(in) {
			fn := g.nodes[n].fn
			if !ok || fn == nil || fn.Signature().Recv() == nil {
				continue
			}
			if tn := recvTypeName(fn); tn != nil && g.invokedIn(fn, in) {
				for _, m := range g.typeUsers[tn] {
					add(m)
				}
			}
		}
	}
	for n := range in {
		if in[n] {
			stack = append(stack, n)
		}
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, m := range g.succs[n] {
			add(m)
		}
	}
	var out []int
	for n, ok := range in {
		if ok {
			out = append(out, n)
		}
	}
	return slices.Clip(out)
}

// invokedIn reports whether a node in in calls an interface method that
// may run method fn.
func (g *references) invokedIn(fn *types.Func, in []bool) bool {
	for _, inv := range g.invokes[fn.Name()] {
		if in[inv.node] && mayRun(inv, fn) {
			return true
		}
	}
	return false
}

// mayRun reports whether the interface method call inv may run method fn
// (of the same name): fn's type, or a pointer to it, implements the
// interface. A generic type may, whatever its instances.
func mayRun(inv invoke, fn *types.Func) bool {
	tn := recvTypeName(fn)
	if tn == nil || tn.Type().(*types.Named).TypeParams().Len() > 0 {
		return true
	}
	return implements(fn.Signature().Recv().Type(), inv.iface)
}

// implements reports whether a value of type recv, or a pointer to one,
// may be converted to interface type iface.
func implements(recv, iface types.Type) bool {
	it, ok := iface.Underlying().(*types.Interface)
	if !ok {
		return true
	}
	if p, ok := recv.(*types.Pointer); ok {
		recv = p.Elem()
	}
	return types.Implements(recv, it) || types.Implements(types.NewPointer(recv), it)
}

// calleeIdent returns the identifier that names a called function (f in
// f or pkg.f), or nil.
func calleeIdent(e ast.Expr) *ast.Ident {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e
	case *ast.SelectorExpr:
		return e.Sel
	}
	return nil
}

// recvTypeName returns the named type that method fn is declared on.
func recvTypeName(fn *types.Func) *types.TypeName {
	t := fn.Signature().Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if named, ok := types.Unalias(t).(*types.Named); ok {
		return named.Origin().Obj()
	}
	return nil
}
