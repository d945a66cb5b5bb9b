package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// A callSite is a static call of a function of the package.
type callSite struct {
	call *ast.CallExpr
	fn   ast.Node // the outermost function enclosing the call
}

// keyFromInput reports whether the key expression e, in function fn, is
// computed from data inside the package rather than passed through from a
// caller the package cannot see. Data means: a conversion from a byte or
// rune slice, a concatenation, a call with such an argument, a struct field, a slice or
// map element, a range variable over a non-literal, or a parameter of an
// unexported function that some caller in the package passes such data.
// A parameter of an exported function or of a method reachable from other
// packages, a constant and a package-level variable are not: their domain
// is set by callers, which in practice pass a bounded set (setting names,
// program names, types). The standard library's intentional memos key by
// exactly such pass-through parameters.
func (a *checker) keyFromInput(e ast.Expr, fn ast.Node, depth int) bool {
	if depth > 4 || e == nil {
		return false
	}
	info := a.pass.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return false
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if tv, ok := info.Types[x.Fun]; ok && tv.IsType() {
			if len(x.Args) != 1 {
				return false
			}
			if t := info.TypeOf(x.Args[0]); t == nil {
				return false
			} else if s, ok := t.Underlying().(*types.Slice); ok {
				if b, ok := s.Elem().Underlying().(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
					return true // string(b): bytes read from somewhere
				}
			}
			return a.keyFromInput(x.Args[0], fn, depth+1)
		}
		// Computed from its arguments (strings.ToLower(r.path),
		// fmt.Sprint(id), sha256.Sum256(body)); a getter without arguments
		// (s.Name()) passes a value through, and an integer computed by a
		// call is a hash or a size, not an id (reflect's type caches).
		if t := info.TypeOf(x); t == nil {
			return false
		} else if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
			return false
		}
		for _, arg := range x.Args {
			if a.keyFromInput(arg, fn, depth+1) {
				return true
			}
		}
		// A lookup into data read from a field (r.Header.Get("X-Id"),
		// r.URL.Query().Get("q")) returns part of that data. A getter
		// without arguments (reflect.Indirect(v).Type().Name()) passes a
		// value through, as above.
		if len(x.Args) > 0 {
			if recv := methodBase(info, x); recv != nil {
				return a.keyFromInput(recv, fn, depth+1)
			}
		}
		return false
	case *ast.BinaryExpr:
		return x.Op == token.ADD
	case *ast.SelectorExpr:
		sel, ok := info.Selections[x]
		return ok && sel.Kind() == types.FieldVal && !a.inLiteralTable(x)
	case *ast.IndexExpr:
		return !a.inLiteralTable(x)
	case *ast.SliceExpr, *ast.StarExpr:
		return true
	case *ast.CompositeLit:
		for _, elt := range x.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			if a.keyFromInput(elt, fn, depth+1) {
				return true
			}
		}
		return false
	case *ast.Ident:
		v, _ := info.Uses[x].(*types.Var)
		if v == nil || isPackageLevel(v) {
			return false
		}
		if isParam(v) {
			return a.paramFromInput(v, fn, depth)
		}
		if a.rangedOver(v, fn) {
			return true
		}
		for _, def := range definitions(info, fn, v) {
			if a.keyFromInput(def, fn, depth+1) {
				return true
			}
		}
	}
	return false
}

// rangedOver reports whether local v is the key or value of a range
// statement in fn over something other than a literal list.
func (a *checker) rangedOver(v *types.Var, fn ast.Node) bool {
	info := a.pass.TypesInfo
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		r, ok := n.(*ast.RangeStmt)
		if !ok || found {
			return !found
		}
		for _, e := range []ast.Expr{r.Key, r.Value} {
			if id, ok := e.(*ast.Ident); ok && info.ObjectOf(id) == v {
				if _, lit := ast.Unparen(r.X).(*ast.CompositeLit); !lit && !a.literalTable(r.X) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// paramFromInput reports whether parameter v of the function declared by fn
// receives data from some caller in the package (see keyFromInput). The
// parameters of exported functions and methods come from unseen callers.
func (a *checker) paramFromInput(v *types.Var, fn ast.Node, depth int) bool {
	decl, ok := fn.(*ast.FuncDecl)
	if !ok {
		return false
	}
	obj, _ := a.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if obj == nil {
		return false
	}
	if obj.Exported() {
		return a.apiInput(obj, v)
	}
	index := -1
	sig := obj.Signature()
	for i := range sig.Params().Len() {
		if sig.Params().At(i) == v {
			index = i
		}
	}
	if index < 0 || sig.Variadic() && index == sig.Params().Len()-1 {
		return false
	}
	for _, site := range a.callers()[obj] {
		if index < len(site.call.Args) && a.keyFromInput(site.call.Args[index], site.fn, depth+1) {
			return true
		}
	}
	return false
}

// apiInput reports whether parameter v of the exported function or method
// fn brings input from other programs' code: a string or []byte parameter
// of an API that packages outside this one can call (not in an internal
// package, where the standard library passes bounded sets such as setting
// names, nor in package main, which has no importers), on a function or a
// method of an exported type. Such a key is whatever callers read (a
// template source, a regular expression, a file name) and nothing bounds it.
func (a *checker) apiInput(fn *types.Func, v *types.Var) bool {
	path := a.pass.Pkg.Path()
	if a.pass.Pkg.Name() == "main" || path == "internal" || strings.HasPrefix(path, "internal/") || strings.Contains(path, "/internal/") || strings.HasSuffix(path, "/internal") {
		return false
	}
	if recv := fn.Signature().Recv(); recv != nil {
		n, ok := types.Unalias(derefType(recv.Type())).(*types.Named)
		if !ok || !n.Obj().Exported() {
			return false
		}
	}
	switch t := v.Type().Underlying().(type) {
	case *types.Basic:
		return t.Info()&types.IsString != 0 && !isEnumType(v.Type())
	case *types.Slice:
		b, ok := t.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	return false
}

// isEnumType reports whether t is a named type with declared constants.
func isEnumType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && hasConstants(n)
}

// callers indexes the static calls of the package's functions, once.
func (a *checker) callers() map[*types.Func][]callSite {
	if a.callSites != nil {
		return a.callSites
	}
	a.callSites = map[*types.Func][]callSite{}
	for cur := range a.in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if fn := weakapi.Callee(a.pass.TypesInfo, call); fn != nil && fn.Pkg() == a.pass.Pkg {
			a.callSites[fn.Origin()] = append(a.callSites[fn.Origin()], callSite{call: call, fn: outerFunc(cur)})
		}
	}
	return a.callSites
}

// methodBase returns, for a method call, the receiver expression with any
// further method calls stripped (r.URL for r.URL.Query().Get), or nil.
func methodBase(info *types.Info, call *ast.CallExpr) ast.Expr {
	var base ast.Expr
	for {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return base
		}
		if s, ok := info.Selections[sel]; !ok || s.Kind() != types.MethodVal {
			return base
		}
		base = sel.X
		inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			return base
		}
		call = inner
	}
}

// inLiteralTable reports whether e reads an element of a literal table, or
// a field of one (buckets[i].name, gopls' latency buckets): as bounded as
// the table.
func (a *checker) inLiteralTable(e ast.Expr) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if sel, ok := a.pass.TypesInfo.Selections[x]; !ok || sel.Kind() != types.FieldVal {
				return false
			}
			e = x.X
		case *ast.IndexExpr:
			return a.literalTable(x.X)
		default:
			return false
		}
	}
}

// literalTable reports whether e names a package-level variable initialized
// with a composite literal (var names = [...]string{"a", "b"}) that the
// package never assigns, grows or fills again: a fixed table whose
// elements are as bounded as constants.
func (a *checker) literalTable(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := a.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil || !isPackageLevel(v) || v.Pkg() != a.pass.Pkg {
		return false
	}
	if u := a.ix.vars[v]; u != nil && len(u.resets)+len(u.grows)+len(u.inserts)+len(u.escapes) > 0 {
		return false
	}
	for _, f := range a.pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if a.pass.TypesInfo.Defs[name] == v {
						if i >= len(vs.Values) {
							return false
						}
						_, lit := ast.Unparen(vs.Values[i]).(*ast.CompositeLit)
						return lit
					}
				}
			}
		}
	}
	return false
}
