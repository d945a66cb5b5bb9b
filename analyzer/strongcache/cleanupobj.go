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
	r, _ := lookupRegistrar(info, d.registrar)
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

func lookupRegistrar(info *types.Info, call *ast.CallExpr) (registrarArgs, bool) {
	var out registrarArgs
	r, ok := weakapi.LookupRegistrarCall(info, call)
	if !ok {
		return out, false
	}
	if r.Arg >= 0 && r.Arg < len(call.Args) {
		out.arg = call.Args[r.Arg]
	}
	if r.Fn < len(call.Args) && r.Arg < 0 {
		if lit, ok := ast.Unparen(call.Args[r.Fn]).(*ast.FuncLit); ok && lit.Type.Params != nil && len(lit.Type.Params.List) == 1 && len(lit.Type.Params.List[0].Names) == 1 {
			out.finalizerParam, _ = info.Defs[lit.Type.Params.List[0].Names[0]].(*types.Var)
		}
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
