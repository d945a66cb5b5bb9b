package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// A cleanup prunes a weak map only if it is attached to the referent of
// the entry it deletes: that is what dies. Attached to the value that owns
// the map (runtime.AddCleanup(c, ..., c.m)), it runs only when the whole
// cache dies; attached to an object the map itself holds (the entry
// wrapper e in c.m[k] = e), it never runs while the entry is there. Either
// way dead entries accumulate while the cache lives.

// cleanupHolder says how a cleanup's object relates to the map it deletes
// from.
type cleanupHolder int

const (
	onOther cleanupHolder = iota // presumably the referent: the cleanup can prune
	onOwner                      // the value whose field the map is
	inMap                        // a value the map holds strongly
)

// holderOf classifies the object of the cleanup that performs d. Only
// deletes written in the cleanup function itself are classified: a helper
// it calls may be called from elsewhere too.
func (a *checker) holderOf(d cleanupDelete) cleanupHolder {
	if !d.direct || d.obj == nil || d.attachedToWeak {
		return onOther
	}
	info := a.pass.TypesInfo
	// runtime.AddCleanup(c.m[k], ...): the object is the map's own entry.
	if idx, ok := ast.Unparen(d.obj).(*ast.IndexExpr); ok && a.ix.resolveMap(idx.X) == d.v {
		return inMap
	}
	id, ok := ast.Unparen(d.obj).(*ast.Ident)
	if !ok {
		return onOther
	}
	obj, _ := info.Uses[id].(*types.Var)
	if obj == nil {
		return onOther
	}
	// The map is reached from the object itself: handed to the cleanup as
	// its argument (c.m), captured through it (delete(c.m, k)), or, for a
	// finalizer, through the parameter that receives the object.
	r, _ := a.lookupRegistrar(d.registrar)
	fromObj := func(e ast.Expr) bool {
		root := rootIdent(e)
		if root == nil {
			return false
		}
		rv, _ := info.Uses[root].(*types.Var)
		return rv != nil && (rv == obj || rv == r.finalizerParam)
	}
	if r.arg != nil && fromObj(r.arg) && a.ix.resolve(r.arg) == d.v {
		return onOwner
	}
	if d.mapExpr != nil && a.ix.resolve(d.mapExpr) == d.v {
		if fromObj(d.mapExpr) {
			return onOwner
		}
	}
	if u := a.ix.vars[d.v]; u != nil {
		for _, ins := range u.inserts {
			if ins.value != nil && isIdentOf(info, ast.Unparen(ins.value), obj) {
				return inMap
			}
		}
	}
	return onOther
}

// isIdentOf reports whether e is an identifier denoting v.
func isIdentOf(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := e.(*ast.Ident)
	return ok && info.Uses[id] == v
}

// registrarArgs are the parts of a registrar call holderOf looks at.
type registrarArgs struct {
	arg            ast.Expr   // the argument passed to the cleanup, or nil
	finalizerParam *types.Var // the parameter of a finalizer literal (the object itself), or nil
}

func (a *checker) lookupRegistrar(call *ast.CallExpr) (registrarArgs, bool) {
	info := a.pass.TypesInfo
	var out registrarArgs
	r, ok := weakapi.LookupRegistrarCall(info, call)
	if !ok {
		return out, false
	}
	if r.Arg >= 0 && r.Arg < len(call.Args) {
		out.arg = call.Args[r.Arg]
	}
	if r.Fn >= len(call.Args) || r.Kind != weakapi.Finalizer {
		return out, true
	}
	// A finalizer receives the object: its first parameter, or the
	// receiver of a method expression ((*Cache).sweep).
	var ft *ast.FuncType
	var recv *ast.FieldList
	switch fn := ast.Unparen(call.Args[r.Fn]).(type) {
	case *ast.FuncLit:
		ft = fn.Type
	case *ast.Ident, *ast.SelectorExpr:
		var id *ast.Ident
		if sel, ok := fn.(*ast.SelectorExpr); ok {
			if s, ok := info.Selections[sel]; ok && s.Kind() != types.MethodExpr {
				break // a method value: bound to some other value
			}
			id = sel.Sel
		} else {
			id = fn.(*ast.Ident)
		}
		if f, ok := info.Uses[id].(*types.Func); ok {
			if d := a.ix.funcDecl(f.Origin()); d != nil {
				ft, recv = d.Type, d.Recv
			}
		}
	}
	first := func(l *ast.FieldList) *types.Var {
		if l == nil || len(l.List) == 0 || len(l.List[0].Names) == 0 {
			return nil
		}
		v, _ := info.Defs[l.List[0].Names[0]].(*types.Var)
		return v
	}
	if recv != nil {
		out.finalizerParam = first(recv)
	} else if ft != nil {
		out.finalizerParam = first(ft.Params)
	}
	return out, true
}

// notPruning returns the positions of the deletes performed by cleanups
// that cannot prune their map (holderOf), which pruned must not count.
func (a *checker) notPruning() map[token.Pos]bool {
	if a.notPruned != nil {
		return a.notPruned
	}
	a.notPruned = map[token.Pos]bool{}
	for _, d := range a.cleanups {
		if a.holderOf(d) != onOther {
			a.notPruned[d.site] = true
		}
	}
	return a.notPruned
}
