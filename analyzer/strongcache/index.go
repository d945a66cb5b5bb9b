package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// An index records, for every package-level variable and struct field of
// the package, how the package's code reads, grows and shrinks it. The
// rules consult it to decide whether a map is ever pruned.
type index struct {
	pass    *analysis.Pass
	aliases map[*types.Var]*types.Var // local variable -> the field or global it copies (m := c.m)
	// captured holds local maps captured by a function literal that outlives
	// the call (returned or stored): they live as long as the closure.
	captured map[*types.Var]bool
	vars     map[*types.Var]*varUse
	// prunedTypes holds the types of maps (and sync.Map) pruned through an
	// expression the index could not resolve (a parameter, a call result):
	// every map of an identical type is assumed pruned, to stay quiet.
	prunedTypes   []types.Type
	syncMapPruned bool                          // likewise for a sync.Map pruned through an unresolved expression
	onceFuncs     map[*types.Func]bool          // functions passed to sync.Once.Do, sync.OnceFunc, ...
	valueGetters  map[*types.Func]bool          // functions returning a map entry's referent (isValueGetter), built on first use
	decls         map[*types.Func]*ast.FuncDecl // the package's function declarations, built on first use
	// identityFields caches identityField: struct fields set only, fresh
	// from a counter, in the literals that make their objects.
	identityFields map[*types.Var]bool
	funcFields     map[*types.Var][]inspector.Cursor // the functions stored in func-typed fields (fieldFuncs), built on first use
}

// varUse is what the package does with one variable or field.
type varUse struct {
	deletes []prune     // delete(m, k), m.Delete(k), m.LoadAndDelete(k), m.CompareAndDelete(k, v)
	clears  []prune     // clear(m), m.Clear()
	resets  []prune     // m = <something> outside a lazy-initialization "if m == nil"
	empties []token.Pos // m = nil, m = make(...), m = T{}, s = s[:0]: contents dropped
	removes []token.Pos // s = append(s[:i], s[i+1:]...), s = slices.Delete(s, i, j): elements dropped
	bounds  []prune     // len(m) compared with something
	grows   []token.Pos // s = append(s, ...): a slice that grows
	escapes []prune     // passed to a function or its address taken: pruned elsewhere, maybe
	lookups []access    // m[k] read, m.Load(k), m.LoadOrStore(k, v)
	inserts []access    // m[k] = v, m.Store(k, v), m.LoadOrStore(k, v), ...
}

// An access is a keyed read or write of a map.
type access struct {
	pos         token.Pos
	cur         inspector.Cursor // the lookup's index or call expression; the insertion's statement or call
	key         ast.Expr
	value       ast.Expr // inserted value, or nil
	fn          ast.Node // the outermost enclosing function (FuncDecl or FuncLit)
	loadOrStore bool
	once        bool // in a function run once (sync.Once.Do, sync.OnceFunc, ...): a one-time fill
}

// A prune is a place where the package may remove entries from a map.
// Whether it counts (whether it can run again and again) is decided by
// checker.prunes.
type prune struct {
	pos token.Pos
	cur inspector.Cursor // the delete, clear, len or call expression, or the assigned expression
	key ast.Expr         // the key deleted, for deletes
}

func (ix *index) use(v *types.Var) *varUse {
	u := ix.vars[v]
	if u == nil {
		u = &varUse{}
		ix.vars[v] = u
	}
	return u
}

// prunedByType reports whether a map of type t was pruned through an
// unresolved expression.
func (ix *index) prunedByType(t types.Type) bool {
	if isSyncMap(t) {
		return ix.syncMapPruned
	}
	var inner types.Type // of nested or sharded weak maps, pruned through the inner maps
	if im, ok := weakMapsOf(t); ok {
		inner = im
	}
	for _, p := range ix.prunedTypes {
		if types.Identical(p, t) || inner != nil && types.Identical(p, inner) {
			return true
		}
	}
	return false
}

// resolve returns the package-level variable or struct field (its generic
// origin) that e denotes, seeing through parentheses, & and *, and local
// copies made with m := c.m. It returns nil for anything else.
func (ix *index) resolve(e ast.Expr) *types.Var {
	info := ix.pass.TypesInfo
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
			continue
		case *ast.StarExpr:
			e = x.X
			continue
		case *ast.UnaryExpr:
			if x.Op == token.AND {
				e = x.X
				continue
			}
			return nil
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			if v == nil {
				v, _ = info.Defs[x].(*types.Var)
			}
			if v == nil {
				return nil
			}
			if a, ok := ix.aliases[v]; ok {
				return a
			}
			if isPackageLevel(v) || ix.captured[v] {
				return v
			}
			return nil
		case *ast.IndexExpr:
			// t.m[tenant] or c.shards[i], an inner weak map: its entries
			// are those of t.m or c.shards (inserted and deleted through it).
			if _, ok := weakMapsOf(info.TypeOf(x.X)); ok {
				e = x.X
				continue
			}
			return nil
		case *ast.SelectorExpr:
			if sel, ok := info.Selections[x]; ok {
				if sel.Kind() == types.FieldVal {
					v, _ := sel.Obj().(*types.Var)
					if v != nil {
						return v.Origin()
					}
				}
				return nil
			}
			v, _ := info.Uses[x.Sel].(*types.Var) // pkg.Var
			if v != nil && isPackageLevel(v) {
				return v
			}
			return nil
		}
		return nil
	}
}

// buildIndex walks the package once.
func buildIndex(pass *analysis.Pass, in *inspector.Inspector) *index {
	ix := &index{pass: pass, aliases: map[*types.Var]*types.Var{}, vars: map[*types.Var]*varUse{}}
	info := pass.TypesInfo
	ix.captured = capturedMaps(info, in)

	// Local copies first, so that later uses resolve through them.
	for cur := range in.Root().Preorder((*ast.AssignStmt)(nil)) {
		as := cur.Node().(*ast.AssignStmt)
		if len(as.Lhs) != len(as.Rhs) {
			continue
		}
		for i, lhs := range as.Lhs {
			id, ok := lhs.(*ast.Ident)
			if !ok {
				continue
			}
			v, _ := info.ObjectOf(id).(*types.Var)
			if v == nil || isPackageLevel(v) {
				continue
			}
			if _, isMap := mapOf(v.Type()); !isMap && !isSyncMap(v.Type()) {
				continue
			}
			if target := ix.resolve(as.Rhs[i]); target != nil {
				ix.aliases[v] = target
			}
		}
	}

	// A map handed to a cleanup as its argument (runtime.AddCleanup(obj,
	// func(m M) { ... delete(m, k) }, c.m)) is that map inside the cleanup.
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		r, ok := weakapi.LookupRegistrarCall(info, call)
		if !ok || r.Kind != weakapi.Cleanup || r.Arg < 0 || r.Arg >= len(call.Args) || r.Fn >= len(call.Args) {
			continue
		}
		lit, ok := ast.Unparen(call.Args[r.Fn]).(*ast.FuncLit)
		if !ok || lit.Type.Params == nil || len(lit.Type.Params.List) != 1 || len(lit.Type.Params.List[0].Names) != 1 {
			continue
		}
		param, _ := info.Defs[lit.Type.Params.List[0].Names[0]].(*types.Var)
		if param == nil {
			continue
		}
		if _, isMap := mapOf(param.Type()); !isMap && !isSyncMap(param.Type()) {
			continue
		}
		if target := ix.resolve(call.Args[r.Arg]); target != nil {
			ix.aliases[param] = target
		}
	}

	ix.onceFuncs = map[*types.Func]bool{}
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if !isOnceCall(info, call) {
			continue
		}
		for _, arg := range call.Args {
			var id *ast.Ident
			switch x := ast.Unparen(arg).(type) {
			case *ast.Ident:
				id = x
			case *ast.SelectorExpr:
				id = x.Sel
			case *ast.FuncLit:
				// once.Do(func() { readServices() }): the callees run once too.
				ast.Inspect(x.Body, func(n ast.Node) bool {
					if c, ok := n.(*ast.CallExpr); ok {
						if fn := weakapi.Callee(info, c); fn != nil && fn.Pkg() == pass.Pkg {
							ix.onceFuncs[fn.Origin()] = true
						}
					}
					return true
				})
			}
			if fn, ok := info.Uses[id].(*types.Func); id != nil && ok {
				ix.onceFuncs[fn.Origin()] = true
			}
		}
	}
	ix.dropCalledElsewhere(in)

	for cur := range in.Root().Preorder((*ast.CallExpr)(nil), (*ast.AssignStmt)(nil), (*ast.IndexExpr)(nil), (*ast.IncDecStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			ix.call(cur, n)
		case *ast.AssignStmt:
			ix.assign(cur, n)
		case *ast.IncDecStmt:
			if idx, ok := n.X.(*ast.IndexExpr); ok {
				if v := ix.resolveMap(idx.X); v != nil {
					ix.use(v).inserts = append(ix.use(v).inserts, access{pos: idx.Pos(), cur: cur, key: idx.Index, fn: outerFunc(cur)})
				}
			}
		case *ast.IndexExpr:
			switch cur.ParentEdgeKind() {
			case edge.AssignStmt_Lhs, edge.IncDecStmt_X:
				continue
			}
			if v := ix.resolveMap(n.X); v != nil {
				ix.use(v).lookups = append(ix.use(v).lookups, access{pos: n.Pos(), cur: cur, key: n.Index, fn: outerFunc(cur)})
			}
		}
	}
	return ix
}

// resolveMap is resolve restricted to expressions of map type.
func (ix *index) resolveMap(e ast.Expr) *types.Var {
	if _, ok := mapOf(ix.pass.TypesInfo.TypeOf(e)); !ok {
		return nil
	}
	return ix.resolve(e)
}

func (ix *index) call(cur inspector.Cursor, call *ast.CallExpr) {
	info := ix.pass.TypesInfo
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			ix.builtin(cur, call, b.Name())
			return
		}
	}
	// Methods of sync.Map.
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if v, ok := ix.syncMapMethod(sel); ok {
			ix.syncMapCall(cur, call, sel, v)
			return
		}
	}
	// A tracked map or sync.Map passed to a function may be pruned there.
	for _, arg := range call.Args {
		t := info.TypeOf(arg)
		if _, isMap := mapOf(t); !isMap && !isSyncMap(t) {
			continue
		}
		if v := ix.resolve(arg); v != nil {
			ix.use(v).escapes = append(ix.use(v).escapes, prune{pos: arg.Pos(), cur: cur})
		}
	}
}

func (ix *index) builtin(cur inspector.Cursor, call *ast.CallExpr, name string) {
	if len(call.Args) == 0 {
		return
	}
	arg := call.Args[0]
	switch name {
	case "delete", "clear":
		v := ix.resolve(arg)
		if v == nil {
			ix.prunedTypes = append(ix.prunedTypes, ix.pass.TypesInfo.TypeOf(arg))
			return
		}
		u := ix.use(v)
		if name == "delete" {
			var key ast.Expr
			if len(call.Args) == 2 {
				key = call.Args[1]
			}
			u.deletes = append(u.deletes, prune{pos: call.Pos(), cur: cur, key: key})
		} else {
			u.clears = append(u.clears, prune{pos: call.Pos(), cur: cur})
		}
	case "len":
		bin, ok := cur.Parent().Node().(*ast.BinaryExpr)
		if !ok {
			return
		}
		switch bin.Op {
		case token.LSS, token.LEQ, token.GTR, token.GEQ, token.EQL:
			if v := ix.resolve(arg); v != nil {
				ix.use(v).bounds = append(ix.use(v).bounds, prune{pos: call.Pos(), cur: cur})
			}
		}
	}
}

func (ix *index) assign(cur inspector.Cursor, as *ast.AssignStmt) {
	for i, lhs := range as.Lhs {
		var rhs ast.Expr
		if len(as.Lhs) == len(as.Rhs) {
			rhs = as.Rhs[i]
		}
		if idx, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok {
			// c.shards[i] = make(...): replacing a shard outside the
			// constructor and a lazy "if c.shards[i] == nil" drops its entries.
			if isSlot(ix.pass.TypesInfo.TypeOf(idx.X)) {
				if _, sharded := weakMapsOf(ix.pass.TypesInfo.TypeOf(idx.X)); sharded {
					if v := ix.resolve(idx.X); v != nil && !isLocalInit(ix.pass.TypesInfo, idx.X) && !insideNilGuard(ix, cur, v) {
						ix.use(v).resets = append(ix.use(v).resets, prune{pos: lhs.Pos(), cur: cur})
					}
				}
				continue
			}
			if v := ix.resolveMap(idx.X); v != nil {
				if as.Tok != token.ASSIGN && as.Tok != token.DEFINE {
					rhs = nil // m[k] += x
				}
				ix.use(v).inserts = append(ix.use(v).inserts, access{pos: idx.Pos(), cur: cur, key: idx.Index, value: rhs, fn: outerFunc(cur), once: ix.runsOnce(cur)})
			}
			continue
		}
		if as.Tok == token.DEFINE {
			continue
		}
		v := ix.resolve(lhs)
		if v == nil || isLocalInit(ix.pass.TypesInfo, lhs) || insideNilGuard(ix, cur, v) {
			continue
		}
		if rhs != nil && isSelfAppend(ix, rhs, v) {
			ix.use(v).grows = append(ix.use(v).grows, lhs.Pos())
			continue // growth, not a reset
		}
		u := ix.use(v)
		u.resets = append(u.resets, prune{pos: lhs.Pos(), cur: cur})
		if rhs != nil && isEmptying(ix.pass.TypesInfo, rhs) {
			u.empties = append(u.empties, lhs.Pos())
		}
		if rhs != nil && ix.isRemoval(rhs, v) {
			u.removes = append(u.removes, lhs.Pos())
		}
	}
}

// isEmptying reports whether assigning rhs drops the previous contents of a
// variable: nil, make(...), an empty composite literal, or a slice expression.
func isEmptying(info *types.Info, rhs ast.Expr) bool {
	switch x := ast.Unparen(rhs).(type) {
	case *ast.CompositeLit:
		return len(x.Elts) == 0
	case *ast.SliceExpr:
		return true
	case *ast.CallExpr:
		if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "make" {
				return true
			}
		}
	}
	return isNil(info, rhs)
}

// released reports whether the package ever drops what v holds: entries
// deleted, the map or slice cleared, emptied or bounded, or elements
// removed from the slice.
func (u *varUse) released() bool {
	return len(u.deletes)+len(u.clears)+len(u.empties)+len(u.removes)+len(u.bounds) > 0
}

// isRemoval reports whether assigning rhs to the slice v removes some of
// its elements: the splice append(v[:i], v[j:]...), or one of the slices
// package's deleting functions applied to v. A slice that the package
// shrinks that way holds each element only until it is removed, as a map
// with a delete does.
func (ix *index) isRemoval(rhs ast.Expr, v *types.Var) bool {
	info := ix.pass.TypesInfo
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return false
	}
	sliceOfV := func(e ast.Expr) bool {
		sl, ok := ast.Unparen(e).(*ast.SliceExpr)
		return ok && ix.resolve(sl.X) == v
	}
	if isBuiltin(info, call.Fun, "append") {
		// append(v[:i], v[i+1:]...): the head, then the tail after a gap.
		return call.Ellipsis.IsValid() && len(call.Args) == 2 && sliceOfV(call.Args[0]) && sliceOfV(call.Args[1])
	}
	fn := weakapi.Callee(info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "slices" {
		return false
	}
	switch fn.Name() {
	case "Delete", "DeleteFunc", "Compact", "CompactFunc":
		return ix.resolve(call.Args[0]) == v
	}
	return false
}

// isLocalInit reports whether lhs (x.f) assigns a field of a variable
// local to the function, as constructors do (c := new(cache); c.m = make(...)):
// that initializes a fresh value and removes nothing.
func isLocalInit(info *types.Info, lhs ast.Expr) bool {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	root := rootIdent(sel.X)
	if root == nil {
		return false
	}
	v, _ := info.Uses[root].(*types.Var)
	return v != nil && !isPackageLevel(v) && !isParam(v)
}

// insideNilGuard reports whether the assignment at cur lies in the body of
// "if v == nil { ... }": lazy initialization of v, not a reset.
func insideNilGuard(ix *index, cur inspector.Cursor, v *types.Var) bool {
	for c := range cur.Enclosing((*ast.IfStmt)(nil)) {
		ifs := c.Node().(*ast.IfStmt)
		if !within(cur.Node(), ifs.Body) {
			continue
		}
		found := false
		ast.Inspect(ifs.Cond, func(n ast.Node) bool {
			if b, ok := n.(*ast.BinaryExpr); ok && b.Op == token.EQL {
				if (isNil(ix.pass.TypesInfo, b.Y) && ix.resolve(b.X) == v) || (isNil(ix.pass.TypesInfo, b.X) && ix.resolve(b.Y) == v) {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// isSelfAppend reports whether rhs is append(v, ...).
func isSelfAppend(ix *index, rhs ast.Expr, v *types.Var) bool {
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	if b, ok := ix.pass.TypesInfo.Uses[id].(*types.Builtin); !ok || b.Name() != "append" {
		return false
	}
	return ix.resolve(call.Args[0]) == v
}
