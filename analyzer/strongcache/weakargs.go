package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// Rule 1 needs to know which objects a function holds weakly and where
// the weak pointer is kept. weak.Make says it at the call; runtimeweak's
// stores (ValueMap.Store, KeyMap.Store, Set.Add) keep the weak pointer in
// their receiver; and a helper of the package (c.track(u), which does
// c.m[u.ID] = weak.Make(u)) keeps it in one of its own parameters or in a
// package-level variable, which its summary records. The strong store is
// then often in the caller (c.track(u); c.all = append(c.all, u)).

// A weakParam says where a function keeps the weak pointer it makes of
// one of its parameters: in (a place rooted at) some of its parameters, by
// index (-1 for the receiver), or in package-level variables.
type weakParam struct {
	params  map[int]bool
	globals map[*types.Var]bool
	result  bool // the weak pointer is returned (newEntry(v) returns &entry{wp: weak.Make(v)})
}

// weakArgs returns the referents of the call at c: its arguments that end
// up held by a weak pointer, each with the variables at the root of the
// places that keep the weak pointer. Only arguments that are local
// variables are returned.
func (fs *funcScope) weakArgs(c inspector.Cursor) []referent {
	info := fs.a.pass.TypesInfo
	call := c.Node().(*ast.CallExpr)
	callee := weakapi.Callee(info, call)
	if callee == nil {
		return nil
	}
	argVar := func(i int) *types.Var {
		if i < 0 || i >= len(call.Args) {
			return nil
		}
		id, ok := ast.Unparen(call.Args[i]).(*ast.Ident)
		if !ok {
			return nil
		}
		v, _ := info.Uses[id].(*types.Var)
		return v
	}
	// weak.Make(req.Body): the referent is a field of a local; storing the
	// local keeps it alive too.
	argPath := func(i int) (*types.Var, ast.Expr) {
		if i < 0 || i >= len(call.Args) {
			return nil, nil
		}
		e := ast.Unparen(call.Args[i])
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = ast.Unparen(u.X)
		}
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			return nil, nil
		}
		for x := ast.Expr(sel); ; {
			s, ok := x.(*ast.SelectorExpr)
			if !ok {
				break
			}
			if k, ok := info.Selections[s]; !ok || k.Kind() != types.FieldVal {
				return nil, nil
			}
			x = ast.Unparen(s.X)
			if id, ok := x.(*ast.Ident); ok {
				v, _ := info.Uses[id].(*types.Var)
				if v == nil || isPackageLevel(v) {
					return nil, nil
				}
				return v, sel
			}
		}
		return nil, nil
	}
	withPath := func(r referent, i int) []referent {
		if r.v != nil {
			return []referent{r}
		}
		v, path := argPath(i)
		if v == nil || r.roots[v] {
			return nil // the value that keeps the weak pointer holds the field itself
		}
		r.v, r.path = v, path
		return []referent{r}
	}
	if weakapi.IsWeakMake(callee) {
		v := argVar(0)
		if v == nil {
			pv, _ := argPath(0)
			if pv == nil {
				return nil
			}
		}
		roots, sinks := map[*types.Var]bool{}, map[token.Pos]bool{}
		for _, s := range fs.sinks(c, false, 0) {
			sinks[s.Pos()] = true
			if r := fs.rootVar(s); r != nil {
				roots[r] = true
			}
		}
		return withPath(referent{v: v, roots: roots, sinks: sinks, returned: fs.returned(c, 0)}, 0)
	}
	if r, ok := weakapi.LookupReferent(callee); ok {
		// runtimeweak keeps the weak pointer in the receiver. Its Cache
		// keeps a few values strongly on purpose (Keeps): a strong copy
		// next to it is the caller's business.
		x := callArg(info, call, -1)
		if !r.Weak || r.Keeps || x == nil {
			return nil
		}
		roots := map[*types.Var]bool{}
		if root := fs.rootVar(x); root != nil {
			roots[root] = true
		}
		return withPath(referent{v: argVar(r.Param), roots: roots}, r.Param)
	}
	if callee.Pkg() != fs.a.pass.Pkg {
		return fs.importedWeakArgs(call, callee, argVar)
	}
	sum := fs.a.weakParams()[callee.Origin()]
	var out []referent
	for _, i := range paramOrder(sum) {
		wp := sum[i]
		v := argVar(i)
		if v == nil {
			continue
		}
		roots, sinks := map[*types.Var]bool{}, map[token.Pos]bool{}
		for g := range wp.globals {
			roots[g] = true
		}
		returned := false
		if wp.result {
			// The call's result is (or holds) the weak pointer: where it goes.
			for _, s := range fs.sinks(c, false, 0) {
				sinks[s.Pos()] = true
				if r := fs.rootVar(s); r != nil {
					roots[r] = true
				}
			}
			returned = fs.returned(c, 0)
		}
		for j := range wp.params {
			e := callArg(info, call, j)
			if e == nil {
				continue
			}
			if root := fs.rootVar(e); root != nil {
				roots[root] = true
			}
		}
		if len(roots) > 0 || returned {
			out = append(out, referent{v: v, roots: roots, sinks: sinks, returned: returned})
		}
	}
	return out
}

// weakParams returns, for the functions of the package that hold one of
// their parameters weakly and keep the weak pointer in another parameter
// or a package-level variable, where they keep it, by parameter index.
// Summaries of callees feed those of their callers: the computation
// repeats until nothing changes (the sets only grow, so it ends; the least
// fixed point does not depend on the order of declarations).
func (a *checker) weakParams() map[*types.Func]map[int]weakParam {
	if a.weakSums != nil {
		return a.weakSums
	}
	a.weakSums = map[*types.Func]map[int]weakParam{}
	fixedPoint(func() (changed bool) {
		for _, f := range a.declFuncs() {
			for _, c := range f.calls {
				if !a.mayHoldWeakly(c.Node().(*ast.CallExpr)) {
					continue
				}
				for _, r := range a.scopeOf(f.cur).weakArgs(c) {
					i, ok := paramIndex(f.fn, r.v)
					if !ok || r.path != nil {
						continue
					}
					if r.returned {
						if wp := a.weakParamAt(f.fn, i); !wp.result {
							wp.result = true
							a.weakSums[f.fn][i] = wp
							changed = true
						}
					}
					for root := range r.roots {
						j, isParam := paramIndex(f.fn, root)
						if !isParam && !isPackageLevel(root) {
							continue
						}
						wp := a.weakParamAt(f.fn, i)
						switch {
						case isParam && !wp.params[j]:
							wp.params[j] = true
							changed = true
						case !isParam && !wp.globals[root]:
							wp.globals[root] = true
							changed = true
						}
					}
				}
			}
		}
		return changed
	})
	return a.weakSums
}

// weakParamAt returns fn's summary of its parameter i, adding an empty one
// (and fn's summary) if there is none yet; its maps are shared with the
// stored entry, its result flag is not.
func (a *checker) weakParamAt(fn *types.Func, i int) weakParam {
	sum := a.weakSums[fn]
	if sum == nil {
		sum = map[int]weakParam{}
		a.weakSums[fn] = sum
	}
	wp, ok := sum[i]
	if !ok {
		wp = weakParam{params: map[int]bool{}, globals: map[*types.Var]bool{}}
		sum[i] = wp
	}
	return wp
}

// mayHoldWeakly reports whether call is weak.Make, a runtimeweak store, a
// call of a function of the package with a summary (so far), or of another
// package's with a keepsFact that says it holds an argument weakly.
func (a *checker) mayHoldWeakly(call *ast.CallExpr) bool {
	callee := weakapi.Callee(a.pass.TypesInfo, call)
	if callee == nil {
		return false
	}
	if _, ok := weakapi.LookupReferent(callee); ok {
		return true
	}
	if callee.Pkg() != a.pass.Pkg {
		f := a.importedKeeps(callee)
		return f != nil && len(f.Weak) > 0
	}
	return a.weakSums[callee.Origin()] != nil
}

// returned reports whether the value of the expression at c is returned
// by the function, directly or inside a composite literal, or through a
// local it is assigned to.
func (fs *funcScope) returned(c inspector.Cursor, depth int) bool {
	info := fs.a.pass.TypesInfo
	for {
		c = climbValue(c)
		parent := c.Parent()
		switch p := parent.Node().(type) {
		case *ast.ReturnStmt:
			return true
		case *ast.AssignStmt:
			v := assignedLocal(info, p, c)
			if depth > 1 || v == nil {
				return false
			}
			for _, u := range fs.uses[v] {
				if fs.returned(u, depth+1) {
					return true
				}
			}
		}
		return false
	}
}

// importedWeakArgs returns the referents of a call of another package's
// function that keeps weak pointers to its arguments (keepsFact): a weak
// cache's Put (s.c.Put(id, sp) keeps weak.Make(sp) in s.c), each with the
// roots of the arguments that keep the weak pointer. One kept in the
// callee's package-level variables has no root here: then only a strong
// store into a package-level variable defeats it.
func (fs *funcScope) importedWeakArgs(call *ast.CallExpr, callee *types.Func, argVar func(int) *types.Var) []referent {
	info := fs.a.pass.TypesInfo
	f := fs.a.importedKeeps(callee)
	if f == nil {
		return nil
	}
	var out []referent
	for _, k := range f.Weak {
		var v *types.Var
		if k.Param < 0 {
			if x := callArg(info, call, -1); x != nil {
				if id, ok := ast.Unparen(x).(*ast.Ident); ok {
					v, _ = info.Uses[id].(*types.Var)
				}
			}
		} else {
			v = argVar(k.Param)
		}
		if v == nil || isPackageLevel(v) {
			continue
		}
		roots := map[*types.Var]bool{}
		for _, j := range k.In {
			if root := fs.rootVar(callArg(info, call, j)); root != nil {
				roots[root] = true
			}
		}
		out = append(out, referent{v: v, roots: roots})
	}
	return out
}
