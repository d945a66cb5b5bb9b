package strongcache

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// A cache's getter hands out the objects the cache holds weakly: on a hit
// the referent of one of its weak pointers (c.m[k].Value(), checked or
// not), on a miss a value it loads or makes. Whatever the getter returns
// in that result is a referent of the cache: in its callers (l, err :=
// c.Get(room); pinned[room] = l) and in the getter itself (p :=
// el.Value.(*Plan), taken from the cache's LRU list and returned where
// another path returns wp.Value()). Kept strongly in a long-lived place, it
// never dies, and neither does its weak pointer.
//
// What makes a getter is a path that returns a referent read through a
// weak pointer: a constructor that only registers what it makes (w :=
// &Watcher{}; b.m[id] = weak.Make(w); return w) is no getter, and its
// callers are meant to keep the result.

// A referentAssign is an assignment of a call's result to a local: v :=
// call, or v, ok := call with index 1.
type referentAssign struct {
	v     *types.Var
	call  *ast.CallExpr
	index int
}

// yieldScope is what the getter summary needs of one function declaration.
type yieldScope struct {
	a       *checker
	fn      *types.Func
	assigns []referentAssign
	returns []*ast.ReturnStmt // the function's own, not those of its literals
}

// yields returns, for the functions of the package, the results that
// hand out a referent read through a weak pointer on some path (a result
// of Value, of a runtimeweak getter, or of another getter's result; see
// referentResult), computed to a fixed point: a getter calling a getter
// is one.
func (a *checker) yields() map[*types.Func]map[int]bool {
	if a.yieldSums != nil {
		return a.yieldSums
	}
	a.yieldSums = map[*types.Func]map[int]bool{}
	var scopes []*yieldScope
	for _, f := range a.declFuncs() {
		if f.fn.Signature().Results().Len() == 0 {
			continue
		}
		scopes = append(scopes, a.newYieldScope(f.fn, f.cur))
	}
	fixedPoint(func() (changed bool) {
		for _, ys := range scopes {
			for i := range ys.yieldedResults() {
				sum := a.yieldSums[ys.fn]
				if sum == nil {
					sum = map[int]bool{}
					a.yieldSums[ys.fn] = sum
				}
				if !sum[i] {
					sum[i] = true
					changed = true
				}
			}
		}
		return changed
	})
	return a.yieldSums
}

// newYieldScope indexes the assignments of call results to locals and the
// return statements of the function declared at cur.
func (a *checker) newYieldScope(fn *types.Func, cur inspector.Cursor) *yieldScope {
	info := a.pass.TypesInfo
	ys := &yieldScope{a: a, fn: fn}
	body := cur.Node().(*ast.FuncDecl).Body
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // another function's returns
		case *ast.ReturnStmt:
			ys.returns = append(ys.returns, n)
		case *ast.AssignStmt:
			if len(n.Rhs) != 1 {
				return true
			}
			call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
			if !ok {
				return true
			}
			for i, lhs := range n.Lhs {
				if id, ok := lhs.(*ast.Ident); ok {
					if v, ok := info.ObjectOf(id).(*types.Var); ok && !isPackageLevel(v) {
						ys.assigns = append(ys.assigns, referentAssign{v: v, call: call, index: i})
					}
				}
			}
		}
		return true
	})
	return ys
}

// yieldedResults returns the results of the function that some return
// statement fills with a referent read through a weak pointer, as the
// package's summaries stand.
func (ys *yieldScope) yieldedResults() map[int]bool {
	a := ys.a
	locals := map[*types.Var]bool{}
	for _, as := range ys.assigns {
		if a.referentCall(as.call, as.index) {
			locals[as.v] = true
		}
	}
	out := map[int]bool{}
	n := ys.fn.Signature().Results().Len()
	for _, ret := range ys.returns {
		if len(ret.Results) == 1 && n > 1 {
			// return c.m.Load(k): the callee's results are the function's.
			if call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr); ok {
				for i := range n {
					if a.referentCall(call, i) {
						out[i] = true
					}
				}
			}
			continue
		}
		for i, e := range ret.Results {
			switch e := ast.Unparen(e).(type) {
			case *ast.CallExpr:
				if a.referentCall(e, 0) {
					out[i] = true
				}
			case *ast.Ident:
				if v, ok := a.pass.TypesInfo.Uses[e].(*types.Var); ok && locals[v] {
					out[i] = true
				}
			}
		}
	}
	return out
}

// referentCall reports whether result i of call is a referent read through
// a weak pointer: of Value or a runtimeweak getter, of
// runtimeweak.ValueMap.LoadOrCreate, or of a getter (referentResult).
func (a *checker) referentCall(call *ast.CallExpr, i int) bool {
	callee := weakapi.Callee(a.pass.TypesInfo, call)
	if callee == nil {
		return false
	}
	if src, ok := weakapi.LookupSource(callee); ok {
		return src.Result == i
	}
	if i == 0 && isWeakLoadOrCreate(callee) {
		return true
	}
	return a.referentResult(callee, i)
}

// referentResult reports whether result i of fn, a function of this
// package or another, hands out a referent of weak pointers: a getter that
// returns one unchecked (the referents summary, by fact across packages) or
// on some path checked (yields here, keepsFact for another package's).
func (a *checker) referentResult(fn *types.Func, i int) bool {
	if fn == nil {
		return false
	}
	if a.returnsReferent(fn, i) {
		return true
	}
	fn = fn.Origin()
	if fn.Pkg() == a.pass.Pkg {
		return a.yields()[fn][i]
	}
	if f := a.importedKeeps(fn); f != nil {
		for _, r := range f.Yields {
			if r == i {
				return true
			}
		}
	}
	return false
}

// yieldedLocals returns, in a getter, the locals it returns as a result
// that hands out referents (p := el.Value.(*Plan); return p, beside return
// wp.Value() on another path) that are not among the function's referents
// yet: the cache handed them out as its weakly held objects. Their weak
// pointers are kept where those read on the other paths come from.
func (fs *funcScope) yieldedLocals(referents []referent) []referent {
	a := fs.a
	info := a.pass.TypesInfo
	d := fs.cur.Node().(*ast.FuncDecl)
	fn, _ := info.Defs[d.Name].(*types.Func)
	if fn == nil {
		return nil
	}
	results := a.yields()[fn]
	if len(results) == 0 {
		return nil
	}
	known := map[*types.Var]bool{}
	roots := map[*types.Var]bool{}
	for _, r := range referents {
		known[r.v] = true
		if r.from != nil {
			for v := range r.roots {
				roots[v] = true
			}
		}
	}
	var out []referent
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for i, e := range n.Results {
				if !results[i] || len(n.Results) != fn.Signature().Results().Len() {
					continue
				}
				switch e := ast.Unparen(e).(type) {
				case *ast.CallExpr:
					// return c.m[k].Value(): the weak pointer is read from c.
					if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && a.referentCall(e, 0) {
						if r := fs.rootVar(sel.X); r != nil {
							roots[r] = true
						}
					}
				case *ast.Ident:
					v, ok := info.Uses[e].(*types.Var)
					if ok && !isPackageLevel(v) && !known[v] {
						known[v] = true
						out = append(out, referent{v: v, roots: roots})
					}
				}
			}
		}
		return true
	})
	return out
}
