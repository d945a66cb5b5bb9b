package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// A cleanupDelete is a removal of map entries performed by a cleanup (or
// finalizer) function, directly or through a helper of the same package.
type cleanupDelete struct {
	v              *types.Var // the map removed from
	site           token.Pos  // the delete, or the call of the helper that deletes, inside the cleanup
	guarded        bool       // only when the entry still holds the same (or a dead) weak pointer
	attachedToWeak bool       // the cleanup is attached to a weak.Pointer variable, not to a referent
	registrar      *ast.CallExpr
	obj            ast.Expr // the object the cleanup is attached to
	direct         bool     // the delete is in the cleanup function itself, not in a helper it calls
	mapExpr        ast.Expr // the map expression deleted from, for direct deletes
}

// cleanupDeletes finds the registrar calls of the package (runtime.AddCleanup,
// runtime.SetFinalizer, runtimeweak.NewFinalizer) and the map entries their
// functions remove.
func cleanupDeletes(ix *index, in *inspector.Inspector) []cleanupDelete {
	info := ix.pass.TypesInfo
	decls := map[*types.Func]*ast.FuncDecl{}
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		d := cur.Node().(*ast.FuncDecl)
		if fn, ok := info.Defs[d.Name].(*types.Func); ok && d.Body != nil {
			decls[fn] = d
		}
	}
	funcOf := func(e ast.Expr) *types.Func {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			fn, _ := info.Uses[x].(*types.Func)
			return fn
		case *ast.SelectorExpr:
			fn, _ := info.Uses[x.Sel].(*types.Func)
			return fn
		}
		return nil
	}
	bodyCursors := func(from inspector.Cursor, e ast.Expr) []inspector.Cursor {
		if lit, ok := ast.Unparen(e).(*ast.FuncLit); ok {
			c, _ := from.FindNode(lit)
			return []inspector.Cursor{c}
		}
		if fn := funcOf(e); fn != nil {
			if d := decls[fn.Origin()]; d != nil {
				c, _ := in.Root().FindNode(d)
				return []inspector.Cursor{c}
			}
		}
		// c.cleanupFunc(wp): a function of the package that builds the
		// cleanup and returns it (return func(k K) { ... }). The literals
		// it returns are the cleanup.
		if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
			if fn := weakapi.Callee(info, call); fn != nil {
				if d := decls[fn.Origin()]; d != nil {
					dc, _ := in.Root().FindNode(d)
					return returnedLits(dc)
				}
			}
		}
		return nil
	}

	var out []cleanupDelete
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		r, ok := weakapi.LookupRegistrarCall(info, call)
		if !ok || r.Fn >= len(call.Args) || r.Obj >= len(call.Args) {
			continue
		}
		attachedToWeak := false
		if p, ok := types.Unalias(info.TypeOf(call.Args[r.Obj])).(*types.Pointer); ok && weakapi.IsWeakPointer(p.Elem()) {
			attachedToWeak = true
		}
		for _, root := range bodyCursors(cur, call.Args[r.Fn]) {
			out = append(out, cleanupDeletesIn(ix, in, decls, root, call, cur, r, attachedToWeak)...)
		}
	}
	return out
}

// cleanupDeletesIn returns the deletes performed by the cleanup function
// whose body is at root, registered by call (at cur).
func cleanupDeletesIn(ix *index, in *inspector.Inspector, decls map[*types.Func]*ast.FuncDecl, root inspector.Cursor, call *ast.CallExpr, cur inspector.Cursor, r weakapi.Registrar, attachedToWeak bool) []cleanupDelete {
	info := ix.pass.TypesInfo
	var out []cleanupDelete
	emit := func(v *types.Var, site token.Pos, guarded bool, del *ast.CallExpr) {
		d := cleanupDelete{v: v, site: site, guarded: guarded, attachedToWeak: attachedToWeak, registrar: call, obj: call.Args[r.Obj]}
		if del != nil {
			d.direct, d.mapExpr = true, deleteTarget(info, del)
		}
		out = append(out, d)
	}
	for c := range root.Preorder((*ast.CallExpr)(nil)) {
		inner := c.Node().(*ast.CallExpr)
		if v, guardedByCall, ok := ix.deleteCall(inner); ok {
			emit(v, inner.Pos(), guardedByCall || isGuarded(ix, c, root.Node()) || ix.freshKeyDelete(inner, root.Node(), call, cur, r), inner)
			continue
		}
		// One level of helpers: c.remove(k) where remove deletes, or
		// s.onCancel(s.id) where the package sets onCancel to one.
		var helpers []inspector.Cursor
		if fn := weakapi.Callee(info, inner); fn != nil {
			if d := decls[fn.Origin()]; d != nil {
				if h, ok := in.Root().FindNode(d); ok {
					helpers = append(helpers, h)
				}
			}
		} else if f := calledField(info, inner); f != nil {
			helpers = ix.fieldFuncs(in, f)
		}
		for _, helper := range helpers {
			if helper.Node() == root.Node() {
				continue
			}
			callGuarded := isGuarded(ix, c, root.Node())
			for hc := range helper.Preorder((*ast.CallExpr)(nil)) {
				del := hc.Node().(*ast.CallExpr)
				if v, guardedByCall, ok := ix.deleteCall(del); ok {
					guarded := callGuarded || guardedByCall || isGuarded(ix, hc, helper.Node())
					if !guarded {
						// The helper deletes the key it is given (w.unsubscribe(id)):
						// the key is as fresh as the argument the cleanup passes.
						arg := helperKeyArg(info, del, helper.Node(), inner)
						guarded = arg != nil && ix.freshInCleanup(arg, root.Node(), call, cur, r)
					}
					emit(v, inner.Pos(), guarded, nil)
				}
			}
		}
	}
	return out
}

// helperKeyArg returns the argument of the call of helper (at call) that
// becomes the key deleted by del inside helper, when that key is one of
// helper's parameters; nil otherwise.
func helperKeyArg(info *types.Info, del *ast.CallExpr, helper ast.Node, call *ast.CallExpr) ast.Expr {
	id, ok := ast.Unparen(deleteKey(info, del)).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	if v == nil {
		return nil
	}
	for i, arg := range call.Args {
		if isParamOf(info, helper, v, i) {
			return arg
		}
	}
	return nil
}

// returnedLits returns the function literals that the function declared at
// decl returns directly (return func(k K) { ... }), not those of nested
// literals' returns.
func returnedLits(decl inspector.Cursor) []inspector.Cursor {
	var out []inspector.Cursor
	for c := range decl.Preorder((*ast.ReturnStmt)(nil), (*ast.FuncLit)(nil)) {
		ret, ok := c.Node().(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			continue
		}
		if lit, ok := ast.Unparen(ret.Results[0]).(*ast.FuncLit); ok && enclosingFunc(c) == decl.Node() {
			if lc, ok := c.FindNode(lit); ok {
				out = append(out, lc)
			}
		}
	}
	return out
}

// deleteCall reports whether call removes an entry from a tracked map:
// delete(m, k), or the sync.Map methods Delete, LoadAndDelete and
// CompareAndDelete (which is guarded by construction). A delete whose key
// is a weak pointer is guarded too: each object has one weak pointer, so
// no newer entry can have the key of a dead one.
func (ix *index) deleteCall(call *ast.CallExpr) (v *types.Var, guarded, ok bool) {
	v, guarded, ok = ix.deleteCall1(call)
	if ok && !guarded {
		if key := deleteKey(ix.pass.TypesInfo, call); key != nil && holdsWeak(ix.pass.TypesInfo.TypeOf(key)) {
			guarded = true
		}
	}
	return v, guarded, ok
}

func (ix *index) deleteCall1(call *ast.CallExpr) (v *types.Var, guarded, ok bool) {
	info := ix.pass.TypesInfo
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		if b, isB := info.Uses[fun].(*types.Builtin); isB && b.Name() == "delete" && len(call.Args) == 2 {
			if v := ix.resolve(call.Args[0]); v != nil {
				return v, false, true
			}
		}
	case *ast.SelectorExpr:
		v, isSync := ix.syncMapMethod(fun)
		if !isSync || v == nil {
			return nil, false, false
		}
		switch fun.Sel.Name {
		case "Delete", "LoadAndDelete":
			return v, false, true
		case "CompareAndDelete":
			return v, true, true
		}
	}
	return nil, false, false
}

// isGuarded reports whether the node at cur, inside function fn, runs only
// when a condition compares a weak pointer (m[k] == wp) or tests whether a
// referent is dead (m[k].Value() == nil): either an enclosing if, or an
// earlier if whose body leaves (if m[k] != wp { return }).
func isGuarded(ix *index, cur inspector.Cursor, fn ast.Node) bool {
	node := cur.Node()
	for c := range cur.Enclosing() {
		n := c.Node()
		if n == fn {
			break
		}
		switch n := n.(type) {
		case *ast.IfStmt:
			if n != node && !within(node, n.Cond) && isWeakGuard(ix, n.Cond, fn) {
				return true
			}
		case *ast.BinaryExpr:
			// ok && m[k] == wp && ...: the right operand runs only if the left holds.
			if n.Op == token.LAND && within(node, n.Y) && isWeakGuard(ix, n.X, fn) {
				return true
			}
		case *ast.BlockStmt:
			for _, s := range n.List {
				if s.End() > node.Pos() {
					break
				}
				if ifs, ok := s.(*ast.IfStmt); ok && isWeakGuard(ix, ifs.Cond, fn) && leaves(ifs.Body) {
					return true
				}
			}
		}
	}
	return false
}

// isWeakGuard reports whether cond, in function fn, compares a weak
// pointer or tests whether the entry's referent is dead.
func isWeakGuard(ix *index, cond ast.Expr, fn ast.Node) bool {
	info := ix.pass.TypesInfo
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if emptyWeakList(info, n) {
				found = true // the entry's list of weak pointers is empty: nothing newer to lose
			}
			if (n.Op == token.EQL || n.Op == token.NEQ) &&
				(weakapi.IsWeakPointer(info.TypeOf(n.X)) || weakapi.IsWeakPointer(info.TypeOf(n.Y)) ||
					ix.isEntryIdentity(n.X, n.Y, fn) || ix.isEntryIdentity(n.Y, n.X, fn)) {
				found = true
			}
		case *ast.CallExpr:
			callee := weakapi.Callee(info, n)
			if weakapi.IsWeakValue(callee) && readsEntry(info, n, fn) || ix.isValueGetter(callee) {
				found = true
			}
		}
		return !found
	})
	return found
}

// readsEntry reports whether the receiver of the Value call, in function
// fn, is read from the map when fn runs (c.m[k].Value(), or a local of fn
// assigned from c.m[k]), rather than the weak pointer the cleanup was
// registered with (a captured wp, a parameter): that one is always dead
// when its cleanup runs, so testing it guards nothing.
func readsEntry(info *types.Info, call *ast.CallExpr, fn ast.Node) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return true // not a method call: do not second-guess
	}
	reads := false
	ast.Inspect(sel.X, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.IndexExpr, *ast.CallExpr:
			reads = true
		}
		return !reads
	})
	if reads {
		return true
	}
	id := rootIdent(sel.X)
	if id == nil {
		return true
	}
	v, _ := info.Uses[id].(*types.Var)
	if v == nil {
		return true
	}
	return declaredInBody(v, fn)
}

// isEntryIdentity reports whether entry == fixed, in function fn, compares
// the map entry read when fn runs (c.m[k], c.m[k].gen, or a local of fn)
// with an identity fixed when the cleanup was registered: a pointer (the
// entry itself), or a number freshly taken from a counter (a generation),
// held by a captured variable or a parameter of fn. A size or a name
// captured alike may equal a newer entry's, and identifies nothing.
func (ix *index) isEntryIdentity(entry, fixed ast.Expr, fn ast.Node) bool {
	info := ix.pass.TypesInfo
	if tv, ok := info.Types[fixed]; !ok || tv.Value != nil || tv.IsNil() {
		return false
	}
	fixedID := rootIdent(fixed)
	if fixedID == nil {
		return false
	}
	fv, _ := info.Uses[fixedID].(*types.Var)
	if fv == nil || declaredInBody(fv, fn) {
		return false
	}
	if !isIdentityType(info.TypeOf(fixed)) && !ix.counterIssued(fv) {
		return false
	}
	readsMap := false
	ast.Inspect(entry, func(n ast.Node) bool {
		if idx, ok := n.(*ast.IndexExpr); ok {
			if _, isMap := mapOf(info.TypeOf(idx.X)); isMap {
				readsMap = true
			}
		}
		return !readsMap
	})
	if readsMap {
		return true
	}
	id := rootIdent(entry)
	if id == nil {
		return false
	}
	ev, _ := info.Uses[id].(*types.Var)
	return ev != nil && declaredInBody(ev, fn)
}

// declaredInBody reports whether v is declared in the body of function fn
// (not a parameter of fn, nor captured from outside it).
func declaredInBody(v *types.Var, fn ast.Node) bool {
	var body *ast.BlockStmt
	switch f := fn.(type) {
	case *ast.FuncLit:
		body = f.Body
	case *ast.FuncDecl:
		body = f.Body
	}
	return body != nil && v.Pos() >= body.Pos() && v.Pos() < body.End()
}

// leaves reports whether a block ends by leaving the enclosing statement.
func leaves(b *ast.BlockStmt) bool {
	if b == nil || len(b.List) == 0 {
		return false
	}
	switch s := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		if call, ok := s.X.(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
		}
	}
	return false
}

// isValueGetter reports whether fn is a function of the package that
// returns the referent of a map entry it reads (return c.m[k].Value()): a
// test of its result is a test of the entry, as if written inline.
func (ix *index) isValueGetter(fn *types.Func) bool {
	if fn == nil || fn.Pkg() != ix.pass.Pkg {
		return false
	}
	if ix.valueGetters == nil {
		ix.valueGetters = map[*types.Func]bool{}
		info := ix.pass.TypesInfo
		for _, f := range ix.pass.Files {
			for _, d := range f.Decls {
				decl, ok := d.(*ast.FuncDecl)
				if !ok || decl.Body == nil {
					continue
				}
				obj, _ := info.Defs[decl.Name].(*types.Func)
				if obj == nil {
					continue
				}
				ast.Inspect(decl.Body, func(n ast.Node) bool {
					if _, lit := n.(*ast.FuncLit); lit {
						return false // another function's returns
					}
					ret, ok := n.(*ast.ReturnStmt)
					if !ok || len(ret.Results) != 1 {
						return true
					}
					if call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr); ok &&
						weakapi.IsWeakValue(weakapi.Callee(info, call)) && readsEntry(info, call, decl) {
						ix.valueGetters[obj] = true
					}
					return true
				})
			}
		}
	}
	return ix.valueGetters[fn.Origin()]
}

// isIdentityType reports whether values of type t identify an object:
// pointers, channels and unsafe pointers.
func isIdentityType(t types.Type) bool {
	if t == nil {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Chan:
		return true
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	}
	return false
}

// counterIssued reports whether the local variable v has a single
// definition that takes a new value from a counter (see isCounterRead).
func (ix *index) counterIssued(v *types.Var) bool {
	if isPackageLevel(v) || isParam(v) {
		return false
	}
	fn := ix.funcDeclaring(v)
	if fn == nil {
		return false
	}
	defs := definitions(ix.pass.TypesInfo, fn, v)
	return len(defs) == 1 && isCounterRead(ix.pass.TypesInfo, fn, defs[0])
}

// funcDeclaring returns the innermost function declaration or literal
// whose body declares v, or nil.
func (ix *index) funcDeclaring(v *types.Var) ast.Node {
	var fn ast.Node
	for _, f := range ix.pass.Files {
		if v.Pos() < f.Pos() || v.Pos() >= f.End() {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil || v.Pos() < n.Pos() || v.Pos() >= n.End() {
				return false
			}
			switch n.(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				fn = n
			}
			return true
		})
	}
	return fn
}

// emptyWeakList reports whether b tests that a list of weak pointers is
// empty: len(ls) == 0, len(ls) < 1 or len(ls) <= 0, where ls is a slice of
// weak pointers (what remains of a subscriber list once the dead one is
// taken out).
func emptyWeakList(info *types.Info, b *ast.BinaryExpr) bool {
	call, ok := ast.Unparen(b.X).(*ast.CallExpr)
	if !ok || !isBuiltin(info, call.Fun, "len") || len(call.Args) != 1 {
		return false
	}
	if _, ok := types.Unalias(info.TypeOf(call.Args[0])).Underlying().(*types.Slice); !ok || !holdsWeak(info.TypeOf(call.Args[0])) {
		return false
	}
	tv, ok := info.Types[b.Y]
	if !ok || tv.Value == nil {
		return false
	}
	switch tv.Value.String() {
	case "0":
		return b.Op == token.EQL || b.Op == token.LEQ
	case "1":
		return b.Op == token.LSS
	}
	return false
}

// deleteTarget returns the map a delete call removes from: the first
// argument of delete, or the receiver of a sync.Map method.
func deleteTarget(info *types.Info, call *ast.CallExpr) ast.Expr {
	if isBuiltin(info, call.Fun, "delete") && len(call.Args) > 0 {
		return call.Args[0]
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.X
	}
	return nil
}
