package strongcache

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// The mirror of weakParams: a helper of the package that stores one of its
// parameters strongly (c.remember(u), where remember does c.all =
// append(c.all, u); c.subscribe(u.OnEvent), where subscribe appends its
// callback to c.subs) while the caller keeps a weak pointer to the same
// object in the same value (c.m[k] = weak.Make(u)).

// A strongParam says where a function stores one of its parameters
// strongly: in places rooted at other parameters (by index, -1 for the
// receiver) or in package-level variables.
type strongParam struct {
	params  map[int]bool
	globals map[*types.Var]bool
	place   string // one such place, as written in the function, for messages
	kind    string // "closure" or "method value" when a function value holding it is stored
}

// strongParams returns, for the functions of the package that store a
// parameter strongly in a long-lived place they do not release, where.
// Like weakParams, the summaries of callees feed their callers', to a
// fixed point.
func (a *checker) strongParams() map[*types.Func]map[int]*strongParam {
	if a.strongSums != nil {
		return a.strongSums
	}
	a.strongSums = map[*types.Func]map[int]*strongParam{}
	info := a.pass.TypesInfo
	type fnScope struct {
		*declFunc
		fs     *funcScope
		params []*types.Var // index i is parameter i
	}
	var fns []*fnScope
	add := func(fn *types.Func, i, j int, global *types.Var, place, kind string) bool {
		sum := a.strongSums[fn]
		if sum == nil {
			sum = map[int]*strongParam{}
			a.strongSums[fn] = sum
		}
		sp := sum[i]
		if sp == nil {
			sp = &strongParam{params: map[int]bool{}, globals: map[*types.Var]bool{}, place: place, kind: kind}
			sum[i] = sp
		}
		if global != nil {
			if sp.globals[global] {
				return false
			}
			sp.globals[global] = true
			return true
		}
		if sp.params[j] {
			return false
		}
		sp.params[j] = true
		return true
	}
	for _, df := range a.declFuncs() {
		fn := df.fn
		f := &fnScope{declFunc: df}
		sig := fn.Signature()
		pointers := false
		for p := range sig.Params().Variables() {
			f.params = append(f.params, p)
			pointers = pointers || holdsPointers(p.Type())
		}
		if !pointers {
			continue
		}
		f.fs = a.scopeOf(df.cur)
		fns = append(fns, f)
		// Direct stores, as rule 1 sees them.
		for i, p := range f.params {
			if !holdsPointers(p.Type()) {
				continue
			}
			for _, c := range f.fs.uses[p] {
				for _, pl := range f.fs.strongPlaces(c, p) {
					root := f.fs.rootVar(pl.lhs)
					if root == nil || root == p {
						continue
					}
					if pl.kind == "" && f.fs.releasedPlace(pl.lhs) || pl.kind != "" && f.fs.boundedPlace(pl.lhs) {
						continue
					}
					place := types.ExprString(pl.lhs)
					if isPackageLevel(root) {
						add(fn, i, 0, root, place, pl.kind)
					} else if j, ok := paramIndex(f.fn, root); ok {
						add(fn, i, j, nil, place, pl.kind)
					}
				}
			}
		}
	}
	// Through calls of summarized helpers.
	fixedPoint(func() (changed bool) {
		for _, f := range fns {
			for _, c := range f.calls {
				call := c.Node().(*ast.CallExpr)
				callee := weakapi.Callee(info, call)
				if callee == nil || callee.Pkg() != a.pass.Pkg {
					continue
				}
				sum := a.strongSums[callee.Origin()]
				for _, k := range paramOrder(sum) {
					sp := sum[k]
					if k >= len(call.Args) {
						continue
					}
					argCur, ok := c.FindNode(call.Args[k])
					if !ok {
						continue
					}
					for i, p := range f.params {
						if !holdsVar(info, argCur, p) {
							continue
						}
						for _, g := range varOrder(sp.globals) {
							changed = add(f.fn, i, 0, g, sp.place, sp.kind) || changed
						}
						for _, j := range paramOrder(sp.params) {
							root := f.fs.rootVar(callArg(info, call, j))
							if root == nil || root == p {
								continue
							}
							if isPackageLevel(root) {
								changed = add(f.fn, i, 0, root, sp.place, sp.kind) || changed
							} else if jj, ok := paramIndex(f.fn, root); ok {
								changed = add(f.fn, i, jj, nil, sp.place, sp.kind) || changed
							}
						}
					}
				}
			}
		}
		return changed
	})
	return a.strongSums
}

// A strongPlace is where a use of a variable is stored strongly.
type strongPlace struct {
	lhs  ast.Expr
	kind string // "closure" or "method value" when a function value holds it
}

// strongPlaces returns the places into which the use of v at c is stored:
// the value itself, a method value bound to it, or a closure capturing it.
func (fs *funcScope) strongPlaces(c inspector.Cursor, v *types.Var) []strongPlace {
	info := fs.a.pass.TypesInfo
	var out []strongPlace
	kind := ""
	if c.ParentEdgeKind() == edge.SelectorExpr_X && boundToPointer(info, c.Parent().Node().(*ast.SelectorExpr)) && c.Parent().ParentEdgeKind() != edge.CallExpr_Fun {
		kind = "method value"
	}
	for _, lhs := range fs.sinks(c, true, 0) {
		if !fs.localVar(lhs) {
			out = append(out, strongPlace{lhs, kind})
		}
	}
	if lit, ok := capturingLit(c, v); ok {
		for _, lhs := range fs.sinks(lit, true, 0) {
			if !fs.localVar(lhs) {
				out = append(out, strongPlace{lhs, "closure"})
			}
		}
	}
	return out
}

// localVar reports whether lhs is a local variable or parameter itself,
// not a field, element or map entry reached through one. Assigning a
// local stores nothing that outlives the call (cur = p, walking up a weak
// parent chain); where its value goes next, sinks follows through the
// local's uses, so only those stores are places.
func (fs *funcScope) localVar(lhs ast.Expr) bool {
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := fs.a.pass.TypesInfo.ObjectOf(id).(*types.Var)
	return ok && !isPackageLevel(v)
}

// pinsItself reports whether the function fn of the package keeps both a
// weak pointer to its parameter k and a strong reference to it under the
// same root (adoptLocked does r.m[id] = weak.Make(m) and r.byName[n] = m):
// rule 1 is then reported inside fn, where the two stores are, and a call
// of fn in the package adds nothing to that report (as go vet's printf
// checker reports a wrapper's mistakes inside the wrapper, not at each
// call).
func (a *checker) pinsItself(fn *types.Func, k int) bool {
	fn = fn.Origin()
	wp, ok := a.weakParams()[fn][k]
	sp := a.strongParams()[fn][k]
	if !ok || sp == nil {
		return false
	}
	for j := range wp.params {
		if sp.params[j] {
			return true
		}
	}
	for g := range wp.globals {
		if sp.globals[g] {
			return true
		}
	}
	return false
}
