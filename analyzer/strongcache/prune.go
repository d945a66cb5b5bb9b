package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"
	"sync"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// Pruning counts only where it can run again and again while the program
// runs. A delete, clear or reset in init, in a function run once (sync.Once,
// sync.OnceFunc) or behind a one-time flag (if !c.inited { ...; c.inited =
// true }) initializes; one in an unexported function that nothing calls
// never runs; a delete that runs only when the same key is looked up again
// never runs for keys that are not reused (ids from a counter, content
// hashes); a map passed to a lazy-initialization helper (MakeMapIfNil(&c.m))
// or to a function that only reads it is not pruned there.

// pruned reports whether the package removes entries from v in a way that
// can run again and again.
func (a *checker) pruned(v *types.Var, u *varUse) bool {
	// Liveness says something only where the map is filled by code that
	// runs: a package whose own functions are all unexported and uncalled
	// (a fragment, a fixture) is judged on what it does, not on who calls it.
	filledLive := false
	for _, ins := range u.inserts {
		if a.liveNode(ins.fn) {
			filledLive = true
		}
	}
	repeatable := func(cur inspector.Cursor) bool {
		if filledLive {
			return a.repeatable(cur)
		}
		return !a.ix.runsOnce(cur) && (!inInit(cur) || inSweepLoop(cur))
	}
	notPruning := a.notPruning()
	for _, p := range u.deletes {
		if notPruning[p.pos] {
			continue // in a cleanup that cannot run while the map lives
		}
		if repeatable(p.cur) && !a.deleteOnLookupOnly(v, u, p) {
			return true
		}
	}
	for _, p := range u.clears {
		if repeatable(p.cur) {
			return true
		}
	}
	for _, p := range u.resets {
		if repeatable(p.cur) && !oneTimeFlag(p.cur) {
			return true
		}
	}
	for _, p := range u.bounds {
		if repeatable(p.cur) {
			return true
		}
	}
	for _, p := range u.escapes {
		if repeatable(p.cur) && a.escapePrunes(v, u, p) {
			return true
		}
	}
	return false
}

// repeatable reports whether the code at cur can run many times: it is in a
// function that can be called again and again (reachable from the
// package's exported API, main, or a function value), and not in code run
// once.
func (a *checker) repeatable(cur inspector.Cursor) bool {
	if a.ix.runsOnce(cur) {
		return false
	}
	if inSweepLoop(cur) {
		return true // a sweeper goroutine, wherever it was started (often init)
	}
	var decl *ast.FuncDecl
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		decl = c.Node().(*ast.FuncDecl)
	}
	if decl == nil {
		return false // a package-level initializer
	}
	fn, _ := a.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	return fn != nil && a.liveFuncs()[fn]
}

// liveNode reports whether the function declaration or literal fn can run
// again and again (function literals are assumed to).
func (a *checker) liveNode(fn ast.Node) bool {
	switch fn := fn.(type) {
	case *ast.FuncLit:
		return true
	case *ast.FuncDecl:
		obj, _ := a.pass.TypesInfo.Defs[fn.Name].(*types.Func)
		return obj != nil && a.liveFuncs()[obj]
	}
	return false
}

// inInit reports whether cur lies in an init function or a package-level
// initializer.
func inInit(cur inspector.Cursor) bool {
	var decl *ast.FuncDecl
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		decl = c.Node().(*ast.FuncDecl)
	}
	return decl == nil || decl.Recv == nil && decl.Name.Name == "init"
}

// liveFuncs returns the functions of the package that can run again and
// again: exported functions and methods, main, methods named like a method
// called through an interface, functions used as values, and what they
// call; not init, nor functions only run once or only called from those.
func (a *checker) liveFuncs() map[*types.Func]bool {
	if a.live != nil {
		return a.live
	}
	info := a.pass.TypesInfo
	a.live = map[*types.Func]bool{}
	calls := map[*types.Func][]*types.Func{} // function -> package functions it calls or mentions
	ifaceNames := map[string]bool{}
	var roots []*types.Func
	for cur := range a.in.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if sel, ok := info.Selections[parentSelector(cur)]; ok && sel.Kind() == types.MethodVal && types.IsInterface(sel.Recv()) {
			ifaceNames[id.Name] = true
		}
		fn, ok := info.Uses[id].(*types.Func)
		if !ok || fn.Pkg() != a.pass.Pkg {
			continue
		}
		fn = fn.Origin()
		var from *types.Func
		for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
			from, _ = info.Defs[c.Node().(*ast.FuncDecl).Name].(*types.Func)
		}
		if a.ix.runsOnce(cur) || isOnceArg(info, cur) {
			continue // called once: does not make fn repeatable
		}
		if from == nil || !isCalled(cur) {
			roots = append(roots, fn) // a package-level initializer, or a function value: may run any time
			continue
		}
		calls[from] = append(calls[from], fn)
	}
	for _, f := range a.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			fn, _ := info.Defs[fd.Name].(*types.Func)
			if fn == nil || fd.Recv == nil && fd.Name.Name == "init" {
				continue
			}
			if fn.Exported() || fd.Recv == nil && fd.Name.Name == "main" || fd.Recv != nil && ifaceNames[fd.Name.Name] {
				roots = append(roots, fn)
			}
		}
	}
	for len(roots) > 0 {
		fn := roots[len(roots)-1]
		roots = roots[:len(roots)-1]
		if a.live[fn] || a.ix.onceFuncs[fn] {
			continue
		}
		a.live[fn] = true
		roots = append(roots, calls[fn]...)
	}
	return a.live
}

// parentSelector returns the selector expression whose Sel is the
// identifier at cur, or nil.
func parentSelector(cur inspector.Cursor) *ast.SelectorExpr {
	if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
		return cur.Parent().Node().(*ast.SelectorExpr)
	}
	return nil
}

// isCalled reports whether the function named at cur is called there
// (f(...), x.f(...)), rather than used as a value.
func isCalled(cur inspector.Cursor) bool {
	if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
		cur = cur.Parent()
	}
	for cur.ParentEdgeKind() == edge.ParenExpr_X || cur.ParentEdgeKind() == edge.IndexExpr_X || cur.ParentEdgeKind() == edge.IndexListExpr_X {
		cur = cur.Parent()
	}
	return cur.ParentEdgeKind() == edge.CallExpr_Fun
}

// isOnceArg reports whether the function named at cur is passed to a
// once call (once.Do(load)).
func isOnceArg(info *types.Info, cur inspector.Cursor) bool {
	if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
		cur = cur.Parent()
	}
	if cur.ParentEdgeKind() != edge.CallExpr_Args {
		return false
	}
	return isOnceCall(info, cur.Parent().Node().(*ast.CallExpr))
}

// oneTimeFlag reports whether the code at cur lies in the body of "if !f {
// ... f = true ... }": it runs once, the first time through.
func oneTimeFlag(cur inspector.Cursor) bool {
	for c := range cur.Enclosing((*ast.IfStmt)(nil)) {
		ifs := c.Node().(*ast.IfStmt)
		if !within(cur.Node(), ifs.Body) {
			continue
		}
		var flag ast.Expr
		switch x := ast.Unparen(ifs.Cond).(type) {
		case *ast.UnaryExpr:
			if x.Op == token.NOT {
				flag = x.X
			}
		case *ast.BinaryExpr:
			if id, ok := ast.Unparen(x.Y).(*ast.Ident); ok && x.Op == token.EQL && id.Name == "false" {
				flag = x.X
			}
		}
		if flag == nil {
			continue
		}
		want := types.ExprString(ast.Unparen(flag))
		set := false
		ast.Inspect(ifs.Body, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
				for i, lhs := range as.Lhs {
					if id, ok := ast.Unparen(as.Rhs[i]).(*ast.Ident); ok && id.Name == "true" && types.ExprString(lhs) == want {
						set = true
					}
				}
			}
			return !set
		})
		if set {
			return true
		}
	}
	return false
}

// deleteOnLookupOnly reports whether the delete p runs only when its key is
// looked up again (the function looked up the same key before) and the
// keys of v are not reused, so a dead entry whose key is never asked for
// again stays.
func (a *checker) deleteOnLookupOnly(v *types.Var, u *varUse, p prune) bool {
	if p.key == nil {
		return false
	}
	fn := outerFunc(p.cur)
	key := types.ExprString(p.key)
	looked := false
	for _, l := range u.lookups {
		if l.fn == fn && l.pos < p.pos && l.key != nil && types.ExprString(l.key) == key {
			looked = true
		}
	}
	if !looked || !a.callsValue(fn) {
		return false // not a getter that meets a dead entry
	}
	for c := range p.cur.Enclosing((*ast.RangeStmt)(nil)) {
		if a.ix.resolve(c.Node().(*ast.RangeStmt).X) == v {
			return false // a sweep over the map
		}
	}
	return a.keysNotReused(u)
}

// keysNotReused reports whether every key inserted into the map is new: an
// id from a counter, or a content hash (an array of bytes).
func (a *checker) keysNotReused(u *varUse) bool {
	if len(u.inserts) == 0 {
		return false
	}
	for _, ins := range u.inserts {
		if ins.key == nil {
			return false
		}
		t := a.pass.TypesInfo.TypeOf(ins.key)
		if arr, ok := types.Unalias(t).Underlying().(*types.Array); ok {
			if b, ok := arr.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
				continue
			}
		}
		if !a.ix.isFresh(ins.key, ins.fn, nil, 0) {
			return false
		}
	}
	return true
}

// escapePrunes reports whether the call at p, to which v is passed, may
// remove entries from it: a function of the package that deletes from,
// clears or resets that parameter; a function value; or a function of
// another package that receives the map's address (unless the caller goes
// on using the map afterwards: a lazy-initialization helper) or receives
// the map and whose result is dropped. Functions of the standard library
// other than maps.DeleteFunc do not prune a map they are given.
func (a *checker) escapePrunes(v *types.Var, u *varUse, p prune) bool {
	info := a.pass.TypesInfo
	call, ok := p.cur.Node().(*ast.CallExpr)
	if !ok {
		return true
	}
	idx := -1
	for i, arg := range call.Args {
		if arg.Pos() == p.pos {
			idx = i
		}
	}
	callee := weakapi.Callee(info, call)
	if callee == nil || idx < 0 {
		return true
	}
	// Handed to a cleanup literal as its argument: what the literal deletes
	// is indexed as deletes of this map (and counts only if the cleanup can
	// run while the map lives).
	if r, ok := weakapi.LookupRegistrarCall(info, call); ok && r.Kind == weakapi.Cleanup && idx == r.Arg && r.Fn < len(call.Args) {
		if _, isLit := ast.Unparen(call.Args[r.Fn]).(*ast.FuncLit); isLit {
			return false
		}
	}
	arg := ast.Unparen(call.Args[idx])
	_, isPtr := types.Unalias(info.TypeOf(arg)).(*types.Pointer)
	if callee.Pkg() == a.pass.Pkg {
		return a.paramPrunes(callee.Origin(), idx, map[*types.Func]bool{})
	}
	if callee.Pkg() == nil {
		return true
	}
	if path := callee.Pkg().Path(); stdReaders()[path] {
		return path == "maps" && callee.Name() == "DeleteFunc"
	}
	if isPtr {
		return !a.usedAfter(u, call)
	}
	_, stmt := p.cur.Parent().Node().(*ast.ExprStmt)
	return stmt
}

// stdReaders lists standard packages whose functions do not remove entries
// from a map they are given (printing, encoding, iterating, copying out of
// it), except maps.DeleteFunc. Built on first use: most weaklint processes
// are go vet units that never analyze a package.
var stdReaders = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"fmt": true, "log": true, "log/slog": true, "maps": true, "slices": true, "sort": true,
		"encoding/json": true, "encoding/gob": true, "reflect": true, "iter": true, "testing": true,
	}
})

// usedAfter reports whether the function that makes call goes on reading
// or filling the map after it.
func (a *checker) usedAfter(u *varUse, call *ast.CallExpr) bool {
	fn := a.outerFuncAt(call.Pos())
	for _, acc := range append(append([]access(nil), u.lookups...), u.inserts...) {
		if acc.fn == fn && acc.pos > call.End() {
			return true
		}
	}
	return false
}

// outerFuncAt returns the outermost function declaration containing pos.
func (a *checker) outerFuncAt(pos token.Pos) ast.Node {
	for _, f := range a.pass.Files {
		if pos < f.Pos() || pos >= f.End() {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && pos >= fd.Pos() && pos < fd.End() {
				return fd
			}
		}
	}
	return nil
}

// paramPrunes reports whether the package's function fn deletes from,
// clears or resets its parameter i (a map or a pointer to one), directly or
// by passing it to a function that does.
func (a *checker) paramPrunes(fn *types.Func, i int, seen map[*types.Func]bool) bool {
	if seen[fn] {
		return false
	}
	seen[fn] = true
	decl := a.ix.funcDecl(fn)
	sig := fn.Signature()
	if decl == nil || decl.Body == nil || sig.Params().Len() == 0 {
		return true // no body to look at: assume it may
	}
	if i >= sig.Params().Len() {
		i = sig.Params().Len() - 1
	}
	param := sig.Params().At(i)
	info := a.pass.TypesInfo
	isParam := func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if s, ok := e.(*ast.StarExpr); ok {
			e = ast.Unparen(s.X)
		}
		id, ok := e.(*ast.Ident)
		return ok && info.Uses[id] == param
	}
	prunes := false
	declCur, _ := a.in.Root().FindNode(decl)
	for cur := range declCur.Preorder((*ast.CallExpr)(nil), (*ast.AssignStmt)(nil)) {
		if prunes {
			break
		}
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			if isBuiltin(info, n.Fun, "delete") || isBuiltin(info, n.Fun, "clear") {
				if len(n.Args) > 0 && isParam(n.Args[0]) {
					prunes = true
				}
				continue
			}
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && isParam(sel.X) {
				switch sel.Sel.Name {
				case "Delete", "LoadAndDelete", "CompareAndDelete", "Clear":
					prunes = true
				}
			}
			for j, arg := range n.Args {
				if !isParam(arg) {
					continue
				}
				callee := weakapi.Callee(info, n)
				if callee == nil || callee.Pkg() != a.pass.Pkg || a.paramPrunes(callee.Origin(), j, seen) {
					prunes = true
				}
			}
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				// *m = make(...) when *m == nil initializes: nothing to remove
				// (MakeMapIfNil(&c.m)).
				if s, ok := ast.Unparen(lhs).(*ast.StarExpr); ok && isParam(s.X) && !whenNil(info, cur, isParam) {
					prunes = true
				}
			}
		}
	}
	return prunes
}

// whenNil reports whether the statement at cur runs only when the value
// that is(e) recognizes is nil: inside "if x == nil { ... }", or after
// "if x != nil { return }" in the same block.
func whenNil(info *types.Info, cur inspector.Cursor, is func(ast.Expr) bool) bool {
	nilTest := func(cond ast.Expr, op token.Token) bool {
		b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
		if !ok || b.Op != op {
			return false
		}
		return isNil(info, b.Y) && is(b.X) || isNil(info, b.X) && is(b.Y)
	}
	for c := range cur.Enclosing((*ast.IfStmt)(nil)) {
		ifs := c.Node().(*ast.IfStmt)
		if within(cur.Node(), ifs.Body) && nilTest(ifs.Cond, token.EQL) {
			return true
		}
	}
	block, ok := cur.Parent().Node().(*ast.BlockStmt)
	if !ok {
		return false
	}
	for _, st := range block.List {
		if st == cur.Node() {
			break
		}
		if ifs, ok := st.(*ast.IfStmt); ok && ifs.Else == nil && nilTest(ifs.Cond, token.NEQ) && leaves(ifs.Body) {
			return true
		}
	}
	return false
}

// callsValue reports whether fn reads a weak pointer's referent
// (weak.Pointer.Value or a runtimeweak getter).
func (a *checker) callsValue(fn ast.Node) bool {
	if fn == nil {
		return false
	}
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if _, ok := weakapi.LookupSource(weakapi.Callee(a.pass.TypesInfo, call)); ok {
				found = true
			}
		}
		return !found
	})
	return found
}

// inSweepLoop reports whether cur lies in a loop of a function literal run
// by a go statement (go func() { for range ticker.C { ... } }()): a sweeper
// that runs for as long as the program does, even when init starts it.
func inSweepLoop(cur inspector.Cursor) bool {
	inLoop := false
	for c := range cur.Enclosing() {
		switch n := c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			inLoop = true
		case *ast.FuncLit:
			call, ok := c.Parent().Node().(*ast.CallExpr)
			if !ok || call.Fun != n {
				return false
			}
			_, isGo := c.Parent().Parent().Node().(*ast.GoStmt)
			return isGo && inLoop
		case *ast.FuncDecl:
			return false
		}
	}
	return false
}
