package strongcache

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// A registry may hold an object strongly next to a weak pointer to it (a
// console per host, with a weak back-pointer to the host) and drop the
// entry when the object is closed: the function that inserts it also hands
// the object a callback that deletes the entry, registered on the object
// itself (h.OnClose.Add(func() { delete(consoles, h) }), h.onDispose =
// func() { ... }). The object's life then ends by that call, as the
// program decides, not by the collector, and the strong reference is the
// registry's on purpose. A cleanup or finalizer is no such hook: it cannot
// run while the entry holds the object. Nor is a callback registered
// elsewhere (a shutdown list), which runs when the object's life does not
// end.

// closeHookDeletes reports whether the function of fs, which stores v
// strongly into lhs, registers on v a callback that deletes from (or
// clears) the map or sync.Map lhs writes: directly, or through functions
// of the package it calls.
func (fs *funcScope) closeHookDeletes(v *types.Var, lhs ast.Expr) bool {
	target := lhs
	if idx, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok {
		target = idx.X
	}
	m := fs.a.ix.resolve(target)
	if m == nil || fs.a.ix.vars[m] == nil {
		return false
	}
	info := fs.a.pass.TypesInfo
	for cur := range fs.cur.Preorder((*ast.CallExpr)(nil), (*ast.AssignStmt)(nil)) {
		var hooks []ast.Expr
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			// v.OnClose.Add(hook), v.OnDispose(hook): a method of v or
			// of something v holds.
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if !ok || fs.rootVar(sel.X) != v {
				continue
			}
			if _, reg := weakapi.LookupRegistrarCall(info, n); reg || fs.registersCleanup(weakapi.Callee(info, n)) {
				continue // a cleanup in disguise
			}
			hooks = n.Args
		case *ast.AssignStmt:
			// v.onClose = hook: a callback field of v.
			if len(n.Lhs) != len(n.Rhs) {
				continue
			}
			for i, l := range n.Lhs {
				if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok && fs.rootVar(sel.X) == v {
					hooks = append(hooks, n.Rhs[i])
				}
			}
		}
		for _, h := range hooks {
			if fs.hookDeletes(cur, h, m) {
				return true
			}
		}
	}
	return false
}

// registersCleanup reports whether fn, a function of the package, or one
// it calls in turn, registers a cleanup or finalizer (h.onCollect(hook),
// where onCollect hands hook to runtime.AddCleanup): a hook it takes may be
// a cleanup, which cannot prune an entry holding its object. Another
// package's functions are not looked into.
func (fs *funcScope) registersCleanup(fn *types.Func) bool {
	ix, info := fs.a.ix, fs.a.pass.TypesInfo
	seen := map[*types.Func]bool{}
	work := []*types.Func{fn}
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		if fn == nil || seen[fn.Origin()] {
			continue
		}
		seen[fn.Origin()] = true
		d := ix.funcDecl(fn.Origin())
		if d == nil || d.Body == nil {
			continue
		}
		for n := range ast.Preorder(d.Body) {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				continue
			}
			if _, reg := weakapi.LookupRegistrarCall(info, call); reg {
				return true
			}
			if callee := weakapi.Callee(info, call); callee != nil && callee.Pkg() == fs.a.pass.Pkg {
				work = append(work, callee)
			}
		}
	}
	return false
}

// hookDeletes reports whether the callback hook (a function literal, or a
// function or method value of the package), found under cur, deletes from
// or clears m, itself or through the package's functions it calls.
func (fs *funcScope) hookDeletes(cur inspector.Cursor, hook ast.Expr, m *types.Var) bool {
	ix, info := fs.a.ix, fs.a.pass.TypesInfo
	var bodies []inspector.Cursor
	switch x := ast.Unparen(hook).(type) {
	case *ast.FuncLit:
		if c, ok := cur.FindNode(x); ok {
			bodies = append(bodies, c)
		}
	case *ast.Ident, *ast.SelectorExpr:
		var fn *types.Func
		if id, ok := x.(*ast.Ident); ok {
			fn, _ = info.Uses[id].(*types.Func)
		} else {
			fn, _ = info.Uses[x.(*ast.SelectorExpr).Sel].(*types.Func)
		}
		if fn != nil {
			if d := ix.funcDecl(fn.Origin()); d != nil {
				if c, ok := fs.a.in.Root().FindNode(d); ok {
					bodies = append(bodies, c)
				}
			}
		}
	}
	seen := map[ast.Node]bool{}
	for len(bodies) > 0 {
		body := bodies[len(bodies)-1]
		bodies = bodies[:len(bodies)-1]
		if seen[body.Node()] {
			continue
		}
		seen[body.Node()] = true
		for c := range body.Preorder((*ast.CallExpr)(nil)) {
			call := c.Node().(*ast.CallExpr)
			if del, _, ok := ix.deleteCall(call); ok && del == m {
				return true
			}
			if isBuiltin(info, call.Fun, "clear") && len(call.Args) == 1 && ix.resolve(call.Args[0]) == m {
				return true
			}
			if fn := weakapi.Callee(info, call); fn != nil && fn.Pkg() == fs.a.pass.Pkg {
				if d := ix.funcDecl(fn.Origin()); d != nil {
					if dc, ok := fs.a.in.Root().FindNode(d); ok {
						bodies = append(bodies, dc)
					}
				}
			}
		}
	}
	return false
}
