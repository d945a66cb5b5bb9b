package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// checkMemos reports rule 4: long-lived maps filled by get-or-create with
// pointer-holding values under input-like keys, and never pruned. The
// criteria are listed in doc.go; each one is needed, none is enough alone.
func (a *checker) checkMemos() {
	info := a.pass.TypesInfo
	for _, v := range a.sortedVars() {
		u := a.ix.vars[v]
		if len(u.inserts) == 0 || !a.memoCandidate(v) || a.pruned(v, u) || a.ix.prunedByType(v.Type()) {
			continue
		}
		m, isMap := mapOf(v.Type())
		if !isMap && !isSyncMap(v.Type()) {
			continue
		}
		for _, ins := range u.inserts {
			if ins.fn == nil || ins.key == nil || ins.value == nil || isInitFunc(ins.fn) || ins.once || a.inTestFile(ins.pos) {
				continue // filled once, or in a test process that soon exits
			}
			keyType, valType := info.TypeOf(ins.key), info.TypeOf(ins.value)
			if isMap {
				keyType, valType = m.Key(), m.Elem()
			}
			if keyType == nil || valType == nil || !riskyKey(keyType) ||
				!holdsPointers(valType) || holdsWeak(valType) {
				continue
			}
			if tv := info.Types[ins.key]; tv.Value != nil {
				continue // a constant key: a fixed set of entries
			}
			if isError(valType) || !a.keyFromInput(ins.key, ins.fn, 0) {
				continue // memoized errors are small; pass-through keys are bounded by callers
			}
			if !a.created(ins.value, ins.fn, 0) || !a.getOrCreate(u, ins) {
				continue
			}
			a.report(ins.pos, "entries of %s are created on demand and never removed: every value stays reachable for the life of the program and the map grows with each new key; hold the values weakly (runtimeweak.ValueMap or runtimeweak.Cache) or bound the map", a.names.of(v))
			break
		}
	}
}

// hasMemoCandidates reports whether the package declares a variable or
// field that rule 4 could report, judging by declarations alone.
func (a *checker) hasMemoCandidates() bool {
	scope := a.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		if v, ok := scope.Lookup(name).(*types.Var); ok && a.memoCandidate(v) {
			return true
		}
	}
	for f := range a.names.owner {
		if a.memoCandidate(f) {
			return true
		}
	}
	return false
}

// memoCandidate reports whether v is long-lived and is a sync.Map or a map
// with input-like keys and pointer-holding values.
func (a *checker) memoCandidate(v *types.Var) bool {
	if isSyncMap(v.Type()) {
		return a.longLived(v)
	}
	m, ok := mapOf(v.Type())
	if !ok || !holdsPointers(m.Elem()) || holdsWeak(m.Elem()) || isError(m.Elem()) {
		return false
	}
	return riskyKey(m.Key()) && a.longLived(v)
}

// longLived reports whether v outlives the calls that fill it: a
// package-level variable, a field of a package-level variable, or a field of
// a struct type that the package stores in a package-level variable. A
// mutex alone is no sign of a long life: per-document indexes have them too.
func (a *checker) longLived(v *types.Var) bool {
	if isPackageLevel(v) {
		return true
	}
	tn := a.names.ownerType(v)
	if tn == nil {
		// A field of an anonymous struct: long-lived if it belongs to a package-level variable.
		name, ok := a.names.owner[v]
		if !ok {
			return false
		}
		base, _, _ := strings.Cut(name, ".")
		obj, _ := a.pass.Pkg.Scope().Lookup(base).(*types.Var)
		return obj != nil
	}
	return a.heldGlobally(tn)
}

// heldGlobally reports whether a package-level variable has type T or *T
// (or is a struct with such a field).
func (a *checker) heldGlobally(tn *types.TypeName) bool {
	if held, ok := a.globalTypes[tn]; ok {
		return held
	}
	held := false
	scope := a.pass.Pkg.Scope()
	is := func(t types.Type) bool {
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		return ok && n.Origin().Obj() == tn
	}
	for _, name := range scope.Names() {
		g, ok := scope.Lookup(name).(*types.Var)
		if !ok || a.inTestFile(g.Pos()) {
			continue // a test's global value says nothing of the program's
		}
		if is(g.Type()) {
			held = true
			break
		}
		if s, ok := types.Unalias(g.Type()).(*types.Struct); ok {
			for f := range s.Fields() {
				if is(f.Type()) {
					held = true
				}
			}
		}
	}
	a.globalTypes[tn] = held
	return held
}

// created reports whether e is a value made in function fn: a composite
// literal, its address, a call (other than a conversion, or an append that
// grows an existing list), or a local variable assigned one of those in fn. A value received as a parameter
// is registered, not created, and registries are bounded by their callers.
func (a *checker) created(e ast.Expr, fn ast.Node, depth int) bool {
	info := a.pass.TypesInfo
	for ; depth < 4; depth++ {
		switch x := ast.Unparen(e).(type) {
		case *ast.CompositeLit:
			return true
		case *ast.UnaryExpr:
			_, ok := ast.Unparen(x.X).(*ast.CompositeLit)
			return x.Op == token.AND && ok
		case *ast.CallExpr:
			if tv, ok := info.Types[x.Fun]; ok && tv.IsType() {
				e = x.Args[0]
				continue
			}
			if isBuiltin(info, x.Fun, "append") && len(x.Args) > 0 {
				// A copy (append([]byte(nil), b...)) is made here; growing
				// an existing list (append(exts, ext), the entry read back)
				// accumulates what callers register (mime's extensions).
				return emptyValue(info, x.Args[0])
			}
			return true
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			if v == nil || isPackageLevel(v) || isParam(v) {
				return false
			}
			for _, def := range definitions(info, fn, v) {
				if a.created(def, fn, depth+1) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// emptyValue reports whether e is nil, an empty composite literal, or a
// conversion of one ([]byte(nil)).
func emptyValue(info *types.Info, e ast.Expr) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.CompositeLit:
			return len(x.Elts) == 0
		case *ast.CallExpr:
			if tv, ok := info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
				e = x.Args[0]
				continue
			}
			return false
		default:
			return isNil(info, e)
		}
	}
}

// definitions returns the expressions assigned to local v in fn.
func definitions(info *types.Info, fn ast.Node, v *types.Var) []ast.Expr {
	var defs []ast.Expr
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if id, ok := lhs.(*ast.Ident); ok && info.ObjectOf(id) == v {
					if len(n.Lhs) == len(n.Rhs) {
						defs = append(defs, n.Rhs[i])
					} else if len(n.Rhs) == 1 {
						defs = append(defs, n.Rhs[0]) // v, err := create(k)
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if info.ObjectOf(id) == v && i < len(n.Values) {
					defs = append(defs, n.Values[i])
				}
			}
		}
		return true
	})
	return defs
}

func isInitFunc(fn ast.Node) bool {
	d, ok := fn.(*ast.FuncDecl)
	return ok && d.Recv == nil && d.Name.Name == "init"
}

// isError reports whether t is the error interface.
func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// inTestFile reports whether pos is in a _test.go file.
func (a *checker) inTestFile(pos token.Pos) bool {
	f := a.pass.Fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}
