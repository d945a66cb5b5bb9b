package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// checkWeakStores reports rule 1: a weak pointer's referent (the pointer
// given to weak.Make, or the result of Value and the runtimeweak getters)
// also stored strongly in a package-level variable or in the value that
// holds the weak pointer, so the referent is never collected.
func (a *checker) checkWeakStores() {
	for cur := range a.in.Root().Preorder((*ast.FuncDecl)(nil)) {
		if cur.Node().(*ast.FuncDecl).Body != nil {
			a.weakStoresIn(cur)
		}
	}
}

// funcScope answers questions about one function declaration.
type funcScope struct {
	a    *checker
	cur  inspector.Cursor
	defs map[*types.Var]ast.Expr           // locals with exactly one defining expression
	uses map[*types.Var][]inspector.Cursor // the uses of each local, indexed once so that work stays linear
}

// newFuncScope indexes the uses of the locals of the function at cur and
// the locals defined exactly once (by assignment, declaration or range).
func (a *checker) newFuncScope(cur inspector.Cursor) *funcScope {
	info := a.pass.TypesInfo
	fs := &funcScope{a: a, cur: cur, defs: map[*types.Var]ast.Expr{}, uses: map[*types.Var][]inspector.Cursor{}}
	for c := range cur.Preorder((*ast.Ident)(nil)) {
		if v, ok := info.Uses[c.Node().(*ast.Ident)].(*types.Var); ok && !isPackageLevel(v) && !v.IsField() {
			fs.uses[v] = append(fs.uses[v], c)
		}
	}
	count := map[*types.Var]int{}
	define := func(id *ast.Ident, e ast.Expr) {
		v, _ := info.ObjectOf(id).(*types.Var)
		if v == nil || isPackageLevel(v) {
			return
		}
		count[v]++
		fs.defs[v] = e
	}
	for c := range cur.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.RangeStmt)(nil)) {
		switch n := c.Node().(type) {
		case *ast.RangeStmt:
			// for k, wp := range c.m: wp comes from c.
			if n.Tok == token.DEFINE {
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if id, ok := e.(*ast.Ident); ok {
						define(id, n.X)
					}
				}
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if id, ok := lhs.(*ast.Ident); ok {
					var rhs ast.Expr
					if len(n.Lhs) == len(n.Rhs) {
						rhs = n.Rhs[i]
					}
					define(id, rhs)
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				var rhs ast.Expr
				if len(n.Names) == len(n.Values) {
					rhs = n.Values[i]
				}
				define(id, rhs)
			}
		}
	}
	for v, n := range count {
		if n != 1 {
			delete(fs.defs, v)
		}
	}
	return fs
}

// A referent is a local whose object is held by a weak pointer in this
// function (weak.Make(v), v := wp.Value(), a runtimeweak store, or a helper
// that does one of those).
type referent struct {
	v     *types.Var
	roots map[*types.Var]bool // where the weak pointer to it is kept
	sinks map[token.Pos]bool  // the places the weak pointer is stored into
	// returned: the weak pointer is returned by the function (for the
	// summary of a helper that makes it).
	returned bool
	// path, when the weak pointer is to a field of v (weak.Make(req.Body)):
	// storing v, or v's field path itself, keeps the referent alive.
	path ast.Expr
	// from, for a referent read through a weak pointer (v := x.a.wp.Value()),
	// is the expression the weak pointer was read from (x.a.wp).
	from ast.Expr
}

func (a *checker) weakStoresIn(cur inspector.Cursor) {
	info := a.pass.TypesInfo
	fs := a.scopeOf(cur)
	var referents []referent

	for c := range cur.Preorder((*ast.AssignStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := c.Node().(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := lhs.(*ast.Ident)
				if !ok {
					continue
				}
				if len(n.Rhs) != 1 {
					continue
				}
				// v := wp.Value(), v, ok := m.Load(k)
				call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
				if !ok {
					continue
				}
				callee := weakapi.Callee(info, call)
				src, ok := weakapi.LookupSource(callee)
				if !ok {
					// v := cache.Get(k), where Get (of this package or,
					// by fact, of another) returns c.m[k].Value(), checked
					// or not (yields.go).
					ok, src.Result = a.referentResult(callee, i), i
				}
				if !ok && i == 0 && isWeakLoadOrCreate(callee) {
					// v := c.vm.LoadOrCreate(k, mk): the map holds v weakly.
					ok, src.Result = true, 0
				}
				if !ok || src.Result != i {
					continue
				}
				sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
				if v, isVar := info.ObjectOf(id).(*types.Var); isVar && !isPackageLevel(v) {
					roots := map[*types.Var]bool{}
					var from ast.Expr
					if ok {
						if r := fs.rootVar(sel.X); r != nil {
							roots[r] = true
						}
						from = sel.X
					}
					referents = append(referents, referent{v: v, roots: roots, from: from})
				}
			}
		case *ast.CallExpr:
			for _, r := range fs.weakArgs(c) {
				if !isPackageLevel(r.v) {
					referents = append(referents, r)
				}
			}
		}
	}

	referents = append(referents, fs.localHelperReferents(referents)...)
	referents = append(referents, fs.yieldedLocals(referents)...)

	reported := map[token.Pos]bool{}
	for _, r := range referents {
		for _, c := range fs.uses[r.v] {
			name := r.v.Name()
			if r.path != nil {
				top, whole := fieldPathTop(info, c)
				switch {
				case whole && types.ExprString(top.Node().(ast.Expr)) == types.ExprString(r.path):
					c, name = top, types.ExprString(r.path)
				case whole:
					continue // another field of v (v.ID)
				default:
					name = r.v.Name() + ", which holds the weak referent " + types.ExprString(r.path) + ","
				}
			}
			places := fs.strongPlaces(c, r.v)
			for _, pl := range places {
				lhs := pl.lhs
				root := fs.rootVar(lhs)
				if root == nil || reported[lhs.Pos()] {
					continue
				}
				global := isPackageLevel(root)
				if !global && !r.roots[root] {
					continue
				}
				if root == r.v && r.path == nil {
					continue // the referent holds itself: a cycle, which the collector reclaims
				}
				if fs.callLocal(root) {
					continue // held for the call only
				}
				if !global && fs.replacesRoute(c, lhs, r.from) {
					continue // the store replaces what held the weak pointer
				}
				sameEntry := r.sinks[lhs.Pos()]
				// Stored next to its own weak pointer (one entry holding both):
				// pruning the map does not help. Elsewhere, a place that is
				// emptied or pruned holds the referent only for a while; a
				// callback only if the place is bounded, since a registry of
				// callbacks is emptied by explicit calls the code may forget.
				if !sameEntry && (pl.kind == "" && fs.releasedPlace(lhs) || pl.kind != "" && fs.boundedPlace(lhs)) {
					continue
				}
				if pl.kind == "" && fs.closeHookDeletes(r.v, lhs) {
					continue // dropped when the referent is closed, its own entry too
				}
				if fs.backRefMap(lhs) {
					continue // rule 3 reports the map's declaration
				}
				reported[lhs.Pos()] = true
				place := types.ExprString(lhs)
				if helper := fs.wrappedBy(c); helper != "" {
					name += " (inside what " + helper + " returns)"
				}
				switch {
				case pl.kind != "" && sameEntry && fs.weakKeyedEntry(lhs):
					a.report(lhs.Pos(), "the %s stored in %s holds %s, the referent of the entry's weak key: the entry keeps its own key alive, so it is never dropped; store a callback that does not capture it (runtimeweak.Method binds a method weakly)", pl.kind, place, name)
				case pl.kind != "":
					a.report(lhs.Pos(), "the %s stored in %s holds %s, which is also held by a weak pointer: the referent lives as long as the callback is registered, so the weak pointer never dies; bind the callback weakly (runtimeweak.Method, runtimeweak.Listeners) or keep only the strong reference", pl.kind, place, name)
				case global:
					a.report(fieldPos(c, lhs), "%s is held by a weak pointer and also stored strongly in %s, a package-level variable: the referent is never collected, so the weak pointer never dies; keep only one of the two references", name, place)
				default:
					a.report(fieldPos(c, lhs), "%s is stored strongly in %s, in the same %s that holds its weak pointer: the referent lives as long as %s, so the weak pointer never dies; keep only the weak pointer, or only the strong reference", name, place, root.Name(), root.Name())
				}
			}
		}
	}
	fs.helperStores(referents, reported)
}

// fieldPos returns where to report the strong store of the use at c into
// lhs: the field of a composite literal that takes the use (keep: d, in
// m[k] = &entry{wp: weak.Make(d), keep: d}), which is where the strong
// reference is written, or else lhs.
// The search stops at a call or closure, whose result is what is stored.
func fieldPos(c inspector.Cursor, lhs ast.Expr) token.Pos {
	for e := range c.Enclosing((*ast.KeyValueExpr)(nil), (*ast.FuncLit)(nil), (*ast.CallExpr)(nil)) {
		kv, ok := e.Node().(*ast.KeyValueExpr)
		if !ok {
			break // inside a call or closure: the store is the statement's
		}
		// The literal must be the one stored (after lhs, in its
		// statement), not a key built earlier (k := key{doc: d}; m[k] = ...).
		if _, inLit := e.Parent().Node().(*ast.CompositeLit); inLit && kv.Value.Pos() <= c.Node().Pos() && kv.Pos() > lhs.End() {
			return kv.Pos()
		}
		break
	}
	return lhs.Pos()
}

// helperStores reports rule 1 where the strong store is made by a helper
// of the package (strongParams) that the function calls with the
// referent, or with a callback holding it, into the value that holds the
// weak pointer or into a package-level variable.
func (fs *funcScope) helperStores(referents []referent, reported map[token.Pos]bool) {
	a := fs.a
	info := a.pass.TypesInfo
	if len(referents) == 0 {
		return
	}
	sums := a.strongParams()
	byVar := map[*types.Var][]referent{}
	for _, r := range referents {
		if r.path == nil {
			byVar[r.v] = append(byVar[r.v], r)
		}
	}
	for c := range fs.cur.Preorder((*ast.CallExpr)(nil)) {
		call := c.Node().(*ast.CallExpr)
		callee := weakapi.Callee(info, call)
		if callee == nil || callee.Pkg() != a.pass.Pkg || reported[call.Pos()] {
			continue
		}
		sum := sums[callee.Origin()]
		for _, k := range paramOrder(sum) {
			sp := sum[k]
			if k >= len(call.Args) || reported[call.Pos()] {
				continue
			}
			argCur, ok := c.FindNode(call.Args[k])
			if !ok {
				continue
			}
			// The referents named in the argument (linear in its size, not
			// in the number of referents of the function).
			var named []referent
			for id := range argCur.Preorder((*ast.Ident)(nil)) {
				if v, ok := info.Uses[id.Node().(*ast.Ident)].(*types.Var); ok {
					named = append(named, byVar[v]...)
				}
			}
			for _, r := range named {
				if !holdsVar(info, argCur, r.v) {
					continue
				}
				var root *types.Var
				if gs := varOrder(sp.globals); len(gs) > 0 {
					root = gs[0]
				}
				for _, j := range paramOrder(sp.params) {
					if rv := fs.rootVar(callArg(info, call, j)); rv != nil && (r.roots[rv] || isPackageLevel(rv)) {
						root = rv
					}
				}
				if root == nil || root == r.v || fs.callLocal(root) {
					continue // nowhere, or in the referent itself: a cycle, which the collector reclaims
				}
				if a.pinsItself(callee, k) {
					break // reported inside the helper
				}
				reported[call.Pos()] = true
				what, kind := r.v.Name(), sp.kind
				switch ast.Unparen(call.Args[k]).(type) {
				case *ast.FuncLit:
					kind = "closure"
				case *ast.SelectorExpr:
					kind = "method value"
				}
				if kind != "" {
					what = "a " + kind + " holding " + r.v.Name()
				}
				if isPackageLevel(root) {
					a.report(call.Pos(), "%s stores %s strongly (in %s), a package-level variable, while %s is held by a weak pointer: the referent is never collected, so the weak pointer never dies; keep only one of the two references", callee.Name(), what, sp.place, r.v.Name())
				} else {
					a.report(call.Pos(), "%s stores %s strongly (in %s), in the same %s that holds its weak pointer: the referent lives as long as %s, so the weak pointer never dies; keep only the weak pointer, or only the strong reference", callee.Name(), what, sp.place, root.Name(), root.Name())
				}
				break
			}
		}
	}
}

// weakKeyedEntry reports whether lhs is m[k] for a map keyed by weak pointers.
func (fs *funcScope) weakKeyedEntry(lhs ast.Expr) bool {
	idx, ok := ast.Unparen(lhs).(*ast.IndexExpr)
	if !ok {
		return false
	}
	m, ok := mapOf(fs.a.pass.TypesInfo.TypeOf(idx.X))
	return ok && weakKey(m.Key())
}

// boundedPlace reports whether the map or slice that lhs writes holds a
// bounded number of values: a slot of a slice that never grows or of an
// array, or a map or slice whose length the package compares.
func (fs *funcScope) boundedPlace(lhs ast.Expr) bool {
	ix := fs.a.ix
	target := lhs
	if idx, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok {
		if isSlot(fs.a.pass.TypesInfo.TypeOf(idx.X)) {
			v := ix.resolve(idx.X)
			if v == nil || ix.vars[v] == nil || len(ix.vars[v].grows) == 0 {
				return true
			}
		}
		target = idx.X
	}
	v := ix.resolve(target)
	return v != nil && ix.vars[v] != nil && len(ix.vars[v].bounds) > 0
}

// sinks returns the places (assignment targets, sync.Map or channel
// expressions) into which the expression at c is stored, following it
// through parentheses, composite literals, &, conversions, append and, up
// to a small depth, local variables that copy it. With strong set, a
// weak.Make call is not followed (it makes a weak reference).
func (fs *funcScope) sinks(c inspector.Cursor, strong bool, depth int) []ast.Expr {
	info := fs.a.pass.TypesInfo
	if depth > 2 {
		return nil
	}
	for {
		c = climbValue(c)
		parent := c.Parent()
		switch p := parent.Node().(type) {
		case *ast.IndexExpr:
			// c.seen[v] = true: a map keeps its keys as strongly as its values;
			// a weak pointer used as a key (m[wp] = x) is kept in that entry.
			if p.Index == c.Node() && parent.ParentEdgeKind() == edge.AssignStmt_Lhs {
				if _, isMap := mapOf(info.TypeOf(p.X)); isMap {
					return []ast.Expr{p}
				}
			}
			return nil
		case *ast.SelectorExpr:
			// A method value bound to a pointer (v.Close) holds it.
			if strong && p.X == c.Node() && parent.ParentEdgeKind() != edge.CallExpr_Fun && boundToPointer(info, p) {
				c = parent
				continue
			}
			// v.plan(), where plan returns &Plan{graph: v}: its result holds v.
			if strong && p.X == c.Node() && parent.ParentEdgeKind() == edge.CallExpr_Fun && fs.a.strongResults() != nil && fs.wrapsArg(parent.Parent(), -1) {
				c = parent.Parent()
				continue
			}
			return nil
		case *ast.CallExpr:
			if p.Fun == c.Node() {
				return nil
			}
			if tv, ok := info.Types[p.Fun]; ok && tv.IsType() {
				// A conversion: to a number or a string it copies
				// (uintptr(unsafe.Pointer(v)) is an address, not a reference).
				if b, ok := tv.Type.Underlying().(*types.Basic); ok && b.Kind() != types.UnsafePointer {
					return nil
				}
				c = parent
				continue
			}
			if isBuiltin(info, p.Fun, "append") {
				c = parent
				continue
			}
			// planFor(g), where planFor returns &Plan{graph: g}: its
			// result holds g.
			if strong && fs.a.strongResults() != nil && fs.passesThrough(parent, c) {
				c = parent
				continue
			}
			// m.Store(k, v) and friends on a sync.Map.
			if sel, ok := ast.Unparen(p.Fun).(*ast.SelectorExpr); ok && fs.a.ix.isSyncMapMethod(sel) {
				switch sel.Sel.Name {
				case "Store", "LoadOrStore", "Swap", "CompareAndSwap":
					// The key is kept as strongly as the value.
					if len(p.Args) > 1 && (p.Args[0] != c.Node() || strong) {
						return []ast.Expr{sel.X}
					}
				}
			}
			return nil
		case *ast.SendStmt:
			// A channel hands the value over to its receiver (a worker, a
			// loader) rather than keeping it: not a store.
			return nil
		case *ast.AssignStmt:
			if len(p.Lhs) != len(p.Rhs) {
				return nil
			}
			for i, rhs := range p.Rhs {
				if rhs == c.Node() {
					return fs.intoTarget(p.Lhs[i], strong, depth)
				}
			}
			return nil
		case *ast.ValueSpec:
			for i, v := range p.Values {
				if v == c.Node() && i < len(p.Names) {
					return fs.intoTarget(p.Names[i], strong, depth)
				}
			}
			return nil
		default:
			return nil
		}
	}
}

// intoTarget returns lhs as a sink, or, when lhs is a local variable, the
// sinks its own uses flow into.
func (fs *funcScope) intoTarget(lhs ast.Expr, strong bool, depth int) []ast.Expr {
	info := fs.a.pass.TypesInfo
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return []ast.Expr{lhs}
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	if v == nil || id.Name == "_" {
		return nil
	}
	if isPackageLevel(v) {
		return []ast.Expr{lhs}
	}
	// The local itself may hold both references (e := entry{wp: weak.Make(v), v: v}).
	out := []ast.Expr{lhs}
	for _, c := range fs.uses[v] {
		out = append(out, fs.sinks(c, strong, depth+1)...)
	}
	return out
}

// rootVar returns the variable at the base of e (c in c.m[k]), following
// locals defined once from another such expression (e := c.m[k]).
func (fs *funcScope) rootVar(e ast.Expr) *types.Var {
	info := fs.a.pass.TypesInfo
	for range 4 {
		id := rootIdent(e)
		if id == nil {
			return nil
		}
		v, _ := info.ObjectOf(id).(*types.Var)
		if v == nil {
			return nil
		}
		def, ok := fs.defs[v]
		if !ok || def == nil || rootIdent(def) == nil || isParam(v) {
			return v
		}
		e = def
	}
	return nil
}

// releasedPlace reports whether the map, slice or field that lhs writes is
// emptied, cleared, pruned or bounded somewhere in the package: then the
// strong reference is temporary (a most-recently-used list, say). A slot
// of an array, or of a slice the package never appends to (c.ring[c.pos] =
// v), is released too: the next store into it overwrites the value, so the
// strong set is bounded by the length (runtimeweak.Cache keeps its recent
// values this way, on purpose).
func (fs *funcScope) releasedPlace(lhs ast.Expr) bool {
	ix := fs.a.ix
	target := lhs
	if idx, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok {
		if isSlot(fs.a.pass.TypesInfo.TypeOf(idx.X)) {
			v := ix.resolve(idx.X)
			if v == nil || ix.vars[v] == nil || len(ix.vars[v].grows) == 0 {
				return true
			}
		}
		target = idx.X
	}
	v := ix.resolve(target)
	if v == nil {
		return false
	}
	u := ix.vars[v]
	return u != nil && u.released()
}

func isBuiltin(info *types.Info, fun ast.Expr, name string) bool {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// isSlot reports whether t is an array, a pointer to an array or a slice:
// storing into one of its elements replaces what the element held.
func isSlot(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := types.Unalias(t).Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch t.Underlying().(type) {
	case *types.Array, *types.Slice:
		return true
	}
	return false
}

// capturingLit returns the outermost function literal that encloses the
// use of v at c but not v's declaration: that closure captures v.
func capturingLit(c inspector.Cursor, v *types.Var) (inspector.Cursor, bool) {
	var lit inspector.Cursor
	found := false
	for e := range c.Enclosing((*ast.FuncLit)(nil)) {
		n := e.Node()
		if v.Pos() >= n.Pos() && v.Pos() < n.End() {
			break
		}
		lit, found = e, true
	}
	return lit, found
}

// boundToPointer reports whether sel is a method value whose method has a
// pointer receiver, so that the value holds the pointer it is bound to.
func boundToPointer(info *types.Info, sel *ast.SelectorExpr) bool {
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return false
	}
	recv := s.Obj().(*types.Func).Signature().Recv()
	if recv == nil {
		return false
	}
	_, ptr := types.Unalias(recv.Type()).(*types.Pointer)
	return ptr
}

// backRefMap reports whether lhs (m[k]) writes a map of the package that
// rule 3 reports: its keys hold a strong pointer to its weak values'
// referents (self[v] = weak.Make(v)), one finding for the declaration
// rather than one per store; or a weak-keyed map whose value, stored here,
// holds the key (m[weak.Make(s)] = &meta{sess: s}), which rule 3 reports at
// this store.
func (fs *funcScope) backRefMap(lhs ast.Expr) bool {
	idx, ok := ast.Unparen(lhs).(*ast.IndexExpr)
	if !ok {
		return false
	}
	v := fs.a.ix.resolve(idx.X)
	if v == nil || v.Pkg() != fs.a.pass.Pkg {
		return false
	}
	m, ok := mapOf(v.Type())
	if !ok {
		return false
	}
	if elem, ok := weakapi.WeakPointerElem(m.Elem()); ok && reach.CanReach(m.Key(), elem) {
		return true
	}
	// A weak-keyed map whose values can reach the key (by their type, as
	// checkBackRef judges), at a store whose value holds it: rule 3 reports
	// this store.
	if key, ok := weakapi.WeakPointerElem(m.Key()); !ok || !reach.CanReach(m.Elem(), key) {
		return false
	}
	for _, st := range fs.a.backRefInserts(v) {
		if st.pos == idx.Pos() {
			return true
		}
	}
	return false
}

// returnsReferent reports whether result i of fn may be a weak referent
// returned unchecked (return wp.Value(), return c.m[k].Value(), or a call
// of another such function): a getter whose callers get the referent
// itself. fn may belong to this package or, by the referents fact, to
// another.
func (a *checker) returnsReferent(fn *types.Func, i int) bool {
	if a.referents == nil || fn == nil {
		return false
	}
	_, ok := a.referents.Func(fn).Result(i)
	return ok
}

// isWeakLoadOrCreate reports whether fn is runtimeweak.ValueMap's
// LoadOrCreate, whose result the map holds weakly. (Cache.LoadOrCreate
// keeps recent values strongly on purpose.)
func isWeakLoadOrCreate(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != weakapi.RuntimeWeakPath || fn.Name() != "LoadOrCreate" {
		return false
	}
	recv := fn.Origin().Signature().Recv()
	return recv != nil && weakapi.RecvTypeName(recv.Type()) == "ValueMap"
}

// fieldPathTop returns the outermost field selection whose innermost
// operand is the identifier at c (req.Body.Data for req), and whether c is
// the operand of one at all.
func fieldPathTop(info *types.Info, c inspector.Cursor) (inspector.Cursor, bool) {
	top, whole := c, false
	for top.ParentEdgeKind() == edge.SelectorExpr_X {
		sel, ok := info.Selections[top.Parent().Node().(*ast.SelectorExpr)]
		if !ok || sel.Kind() != types.FieldVal {
			break
		}
		top, whole = top.Parent(), true
	}
	return top, whole
}

// localHelperReferents returns the referents passed to a function literal
// kept in a local (track := func(u *T) { c.m[u.ID] = weak.Make(u) };
// track(v)) whose parameter is one of the given referents: the argument is
// held weakly where the parameter is.
func (fs *funcScope) localHelperReferents(referents []referent) []referent {
	info := fs.a.pass.TypesInfo
	byParam := map[*types.Var]referent{}
	for _, r := range referents {
		if r.path == nil && r.v.Kind() == types.ParamVar {
			byParam[r.v] = r
		}
	}
	if len(byParam) == 0 {
		return nil
	}
	var out []referent
	locals := slices.SortedFunc(maps.Keys(fs.defs), func(a, b *types.Var) int { return int(a.Pos() - b.Pos()) })
	for _, local := range locals {
		lit, ok := ast.Unparen(fs.defs[local]).(*ast.FuncLit)
		if !ok || lit.Type.Params == nil {
			continue
		}
		var params []*types.Var
		for _, f := range lit.Type.Params.List {
			for _, n := range f.Names {
				p, _ := info.Defs[n].(*types.Var)
				params = append(params, p)
			}
		}
		for _, use := range fs.uses[local] {
			if use.ParentEdgeKind() != edge.CallExpr_Fun {
				continue
			}
			call := use.Parent().Node().(*ast.CallExpr)
			for i, p := range params {
				r, ok := byParam[p]
				if !ok || i >= len(call.Args) {
					continue
				}
				id, ok := ast.Unparen(call.Args[i]).(*ast.Ident)
				if !ok {
					continue
				}
				if v, ok := info.Uses[id].(*types.Var); ok && !isPackageLevel(v) {
					out = append(out, referent{v: v, roots: r.roots})
				}
			}
		}
	}
	return out
}
