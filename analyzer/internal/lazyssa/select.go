package lazyssa

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"

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
//   - every function of the package that one of those refers to,
//     transitively, so that following a static call never meets an unbuilt
//     body (reach looks into callees).
//
// A function whose body uses neither is left out: it cannot call into the
// rules' starting points through a static reference. Package-level
// variables' initializers count as one more function (the package
// initializer's closures). The result's SrcFuncs lists the chosen functions
// in source order, as Get's lists all of them; its Components, FieldFuncs
// and Implementations are computed over those functions only, so a caller
// must know that what it reads of them does not depend on the others.
//
// Only the chosen functions are built (ssa.Package.BuildFuncs), once, with
// the package initializer: for a large package that refers to a cleanup API
// in a few places (net, os, test packages) that is a small part of Get's
// cost. A later Get builds the rest. Each call makes its own selection.
// It is safe for concurrent use with itself and Get.
func (r *Result) GetFor(start func(types.Object) bool) *SSA {
	r.refsOnce.Do(func() { r.refs = newReferences(r.pass.Files, r.pass.TypesInfo) })
	chosen := r.refs.closure(start)

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
	nodes []refNode // declared functions in source order, then the initializers' node
	uses  [][]types.Object
	succs [][]int
	preds [][]int
}

// A refNode is a declared function or method (fn), or, with fn nil, the
// package-level variables' initializers.
type refNode struct {
	fn       *types.Func
	pos, end token.Pos // the declaration's extent
}

func newReferences(files []*ast.File, info *types.Info) *references {
	g := new(references)
	byFunc := make(map[*types.Func]int)
	var ranges []refNode // with index, sorted by pos
	var rangeNode []int
	initNode := -1
	var initRanges []refNode
	for _, f := range files {
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				obj, _ := info.Defs[decl.Name].(*types.Func)
				if obj == nil {
					continue
				}
				byFunc[obj] = len(g.nodes)
				g.nodes = append(g.nodes, refNode{fn: obj, pos: decl.Pos(), end: decl.End()})
				ranges = append(ranges, g.nodes[len(g.nodes)-1])
				rangeNode = append(rangeNode, len(g.nodes)-1)
			case *ast.GenDecl:
				if decl.Tok == token.VAR {
					initRanges = append(initRanges, refNode{pos: decl.Pos(), end: decl.End()})
				}
			}
		}
	}
	if len(initRanges) > 0 {
		initNode = len(g.nodes)
		g.nodes = append(g.nodes, refNode{})
		for _, rg := range initRanges {
			ranges = append(ranges, rg)
			rangeNode = append(rangeNode, initNode)
		}
	}
	order := make([]int, len(ranges))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return ranges[order[a]].pos < ranges[order[b]].pos })
	sortedRanges := make([]refNode, len(order))
	sortedNodes := make([]int, len(order))
	for i, j := range order {
		sortedRanges[i], sortedNodes[i] = ranges[j], rangeNode[j]
	}
	nodeAt := func(pos token.Pos) int {
		i := sort.Search(len(sortedRanges), func(i int) bool { return sortedRanges[i].end > pos })
		if i < len(sortedRanges) && sortedRanges[i].pos <= pos {
			return sortedNodes[i]
		}
		return -1
	}

	g.uses = make([][]types.Object, len(g.nodes))
	g.succs = make([][]int, len(g.nodes))
	g.preds = make([][]int, len(g.nodes))
	for id, obj := range info.Uses {
		n := nodeAt(id.Pos())
		if n < 0 {
			continue
		}
		g.uses[n] = append(g.uses[n], obj)
		if fn, ok := obj.(*types.Func); ok {
			if m, ok := byFunc[fn.Origin()]; ok && m != n {
				g.succs[n] = append(g.succs[n], m)
				g.preds[m] = append(g.preds[m], n)
			}
		}
	}
	return g
}

// closure returns, in source order, the nodes that use an object for
// which start reports true or reach one that does, and the nodes those
// refer to, transitively.
func (g *references) closure(start func(types.Object) bool) []int {
	in := make([]bool, len(g.nodes))
	var stack []int
	known := make(map[types.Object]bool)
	for n, objs := range g.uses {
		for _, obj := range objs {
			s, ok := known[obj]
			if !ok {
				s = start(obj)
				known[obj] = s
			}
			if s {
				in[n] = true
				stack = append(stack, n)
				break
			}
		}
	}
	walk := func(edges [][]int) {
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, m := range edges[n] {
				if !in[m] {
					in[m] = true
					stack = append(stack, m)
				}
			}
		}
	}
	walk(g.preds)
	for n := range in {
		if in[n] {
			stack = append(stack, n)
		}
	}
	walk(g.succs)
	var out []int
	for n, ok := range in {
		if ok {
			out = append(out, n)
		}
	}
	return slices.Clip(out)
}
