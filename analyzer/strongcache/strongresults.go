package strongcache

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// A helper of the package may wrap its argument in what it returns
// (planFor(g) returning &Plan{graph: g}): storing the result stores the
// argument. Beside a weak pointer to the same object in the same entry
// (c.entries[k] = entry{wp: weak.Make(g), plan: planFor(g)}) it pins the
// referent as surely as storing g itself.

// strongResults returns, for the functions of the package whose result
// holds one of their parameters strongly, the indexes of those parameters
// (-1 for the receiver). A callee's summary feeds its callers' (return
// planFor(g) wraps g too), to a fixed point.
func (a *checker) strongResults() map[*types.Func]map[int]bool {
	if a.resultSums != nil {
		return a.resultSums
	}
	a.resultSums = map[*types.Func]map[int]bool{}
	type candidate struct {
		df     *declFunc
		params []*types.Var // index i+1 is parameter i, index 0 the receiver (or nil)
	}
	var cands []candidate
	for _, df := range a.declFuncs() {
		sig := df.fn.Signature()
		results := false
		for r := range sig.Results().Variables() {
			results = results || holdsPointers(r.Type())
		}
		if !results {
			continue
		}
		params := []*types.Var{sig.Recv()}
		for p := range sig.Params().Variables() {
			params = append(params, p)
		}
		cands = append(cands, candidate{df, params})
	}
	fixedPoint(func() (changed bool) {
		for _, c := range cands {
			fs := a.scopeOf(c.df.cur)
			for k, p := range c.params {
				i := k - 1
				if p == nil || !holdsPointers(p.Type()) || a.resultSums[c.df.fn][i] {
					continue
				}
				for _, use := range fs.uses[p] {
					if fs.heldByResult(use, p, 0) {
						if a.resultSums[c.df.fn] == nil {
							a.resultSums[c.df.fn] = map[int]bool{}
						}
						a.resultSums[c.df.fn][i] = true
						changed = true
						break
					}
				}
			}
		}
		return changed
	})
	return a.resultSums
}

// heldByResult reports whether the use of v at c ends up held by a value
// the function returns: returned itself, or inside a composite literal,
// its address, a conversion to a non-basic type, an append, a method value
// bound to it, a closure capturing it, or the result of a helper that
// wraps it in turn; directly or through a local that is returned.
func (fs *funcScope) heldByResult(c inspector.Cursor, v *types.Var, depth int) bool {
	if lit, ok := capturingLit(c, v); ok {
		c = lit
	}
	info := fs.a.pass.TypesInfo
	for {
		c = climbValue(c)
		parent := c.Parent()
		switch p := parent.Node().(type) {
		case *ast.SelectorExpr:
			if p.X != c.Node() {
				return false
			}
			if parent.ParentEdgeKind() == edge.CallExpr_Fun {
				if !fs.wrapsArg(parent.Parent(), -1) {
					return false
				}
				c = parent.Parent()
				continue
			}
			if !boundToPointer(info, p) {
				return false
			}
			c = parent
			continue
		case *ast.CallExpr:
			if p.Fun == c.Node() || !fs.passesThrough(parent, c) {
				return false
			}
			c = parent
			continue
		case *ast.ReturnStmt:
			return true
		case *ast.AssignStmt, *ast.ValueSpec:
			local := assignedLocal(info, p, c)
			if depth > 1 || local == nil {
				return false
			}
			for _, u := range fs.uses[local] {
				if fs.heldByResult(u, local, depth+1) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
}

// passesThrough reports whether the call at call, given the argument at
// arg, returns a value that holds the argument: a conversion to a
// non-basic type, append, or a helper of the package whose result wraps
// that parameter (strongResults, so far).
func (fs *funcScope) passesThrough(call, arg inspector.Cursor) bool {
	info := fs.a.pass.TypesInfo
	p := call.Node().(*ast.CallExpr)
	if tv, ok := info.Types[p.Fun]; ok && tv.IsType() {
		b, basic := tv.Type.Underlying().(*types.Basic)
		return !basic || b.Kind() == types.UnsafePointer
	}
	if isBuiltin(info, p.Fun, "append") {
		return true
	}
	for i, a := range p.Args {
		if a == arg.Node() {
			return fs.wrapsArg(call, i)
		}
	}
	return false
}

// wrapsArg reports whether the call at call is of a helper of the package
// whose result holds its parameter i (-1: the receiver).
func (fs *funcScope) wrapsArg(call inspector.Cursor, i int) bool {
	a := fs.a
	callee := weakapi.Callee(a.pass.TypesInfo, call.Node().(*ast.CallExpr))
	if callee == nil || callee.Pkg() != a.pass.Pkg {
		return false
	}
	if sig := callee.Signature(); sig.Variadic() && i >= sig.Params().Len()-1 {
		return false // one of the variadic arguments, or the slice of them
	}
	return a.resultSums[callee.Origin()][i]
}

// wrappedBy returns the name of the helper whose result, holding the use
// at c, carries it to its store (planFor in c.entries[k] = entry{plan:
// planFor(g)}), or "" if the use is stored as is.
func (fs *funcScope) wrappedBy(c inspector.Cursor) string {
	if fs.a.resultSums == nil {
		return ""
	}
	for e := range c.Enclosing() {
		switch n := e.Node().(type) {
		case ast.Stmt, *ast.FuncLit:
			return ""
		case *ast.CallExpr:
			callee := weakapi.Callee(fs.a.pass.TypesInfo, n)
			if callee != nil && callee.Pkg() == fs.a.pass.Pkg && len(fs.a.resultSums[callee.Origin()]) > 0 {
				return callee.Name()
			}
		}
	}
	return ""
}
