package cleanupref

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// A table that holds the object (m.byID[s.ID] = s) keeps it alive only
// until the entry is removed. If the program removes entries from that
// table by explicit calls (Drop does delete(m.byID, id)), a cleanup that
// reaches the table (a method value bound to m) delays the object's
// collection until the call, but does not prevent it: "never collected"
// would be wrong. The classic bug is different: the only delete is in the
// cleanup itself (or in what only the cleanup calls), which never runs
// while the table holds the object. So deletes count only outside the
// package's cleanup functions and everything they call.
//
// The same holds for every bounded structure a cache keeps its hot values
// in: a container/list it evicts from (lru.Remove(lru.Back())), a slice it
// shifts or truncates (copy(recent, recent[1:]), idle = idle[:n-1]), an
// array used as a ring, a slot that the next value overwrites. Only a
// structure that the program never takes anything out of (an append-only
// slice, a map without deletes) holds its values for good.

// releasedFields returns the struct fields (maps, lists, slices) that a
// function of the package other than a cleanup (and the functions cleanups
// call) takes values out of, outside _test.go files: deletes entries from
// or clears (maps), removes elements from or empties (lists), truncates,
// shifts, clears or empties (slices).
func (c *checker) releasedFields(sites []*site) map[*types.Var]bool {
	info := c.pass.TypesInfo
	cleanupFuncs := map[*types.Func]bool{}
	cleanupLits := map[token.Pos]bool{} // function literals registered as cleanups, by position
	for _, s := range sites {
		for _, i := range s.reg.Fn {
			if i >= len(s.args) {
				continue
			}
			fn := cleanupFunction(s.args[i])
			if fn == nil {
				continue
			}
			if fn.Parent() != nil {
				if syn := fn.Syntax(); syn != nil {
					cleanupLits[syn.Pos()] = true
				}
				continue
			}
			if obj, ok := fn.Object().(*types.Func); ok {
				cleanupFuncs[obj.Origin()] = true
			}
		}
	}

	// The package's declarations, and the functions of the package each
	// one calls (syntactically; closures inside it included).
	decls := map[*types.Func]*ast.FuncDecl{}
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if obj, ok := info.Defs[fd.Name].(*types.Func); ok {
					decls[obj] = fd
				}
			}
		}
	}
	callees := func(n ast.Node) []*types.Func {
		var out []*types.Func
		ast.Inspect(n, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if fn := weakapi.Callee(info, call); fn != nil && fn.Pkg() == c.pass.Pkg {
					out = append(out, fn.Origin())
				}
			}
			return true
		})
		return out
	}
	// What cleanups call, transitively, runs as part of a cleanup.
	var work []*types.Func
	for fn := range cleanupFuncs {
		work = append(work, fn)
	}
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.FuncLit); ok && cleanupLits[lit.Pos()] {
				work = append(work, callees(lit.Body)...)
			}
			return true
		})
	}
	runs := map[*types.Func]bool{}
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		if runs[fn] {
			continue
		}
		runs[fn] = true
		if d := decls[fn]; d != nil {
			work = append(work, callees(d.Body)...)
		}
	}

	removed := map[*types.Var]bool{}
	for _, f := range c.pass.Files {
		if strings.HasSuffix(c.pass.Fset.File(f.Pos()).Name(), "_test.go") {
			continue // a test's cleanup of its fixtures says nothing of the program
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			if obj, ok := info.Defs[fd.Name].(*types.Func); !ok || runs[obj.Origin()] {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					if cleanupLits[n.Pos()] {
						return false // runs as the cleanup
					}
				case *ast.CallExpr:
					if field := removedField(info, n); field != nil && removesGiven(info, fd, n) {
						removed[field] = true
					}
					if field := evictedField(info, n); field != nil {
						removed[field] = true
					}
					if field := copiedField(info, n); field != nil {
						removed[field] = true
					}
				case *ast.AssignStmt:
					for _, field := range shrunkFields(info, n) {
						removed[field] = true
					}
				}
				return true
			})
		}
	}
	return removed
}

// removesGiven reports whether call (a delete or clear in fd) removes
// entries that fd's caller names: clear empties the map; delete's key comes
// from a parameter or the receiver (Drop(id), Close on the session that
// knows its id) or from a range over a map (a sweep). A delete of a local's
// key or a constant in the function that stored it removes nothing that a
// caller can choose.
func removesGiven(info *types.Info, fd *ast.FuncDecl, call *ast.CallExpr) bool {
	if len(call.Args) == 1 {
		return true // clear
	}
	if len(call.Args) != 2 {
		return false
	}
	key := ast.Unparen(call.Args[1])
	for {
		switch x := key.(type) {
		case *ast.SelectorExpr:
			key = ast.Unparen(x.X)
			continue
		case *ast.StarExpr:
			key = ast.Unparen(x.X)
			continue
		}
		break
	}
	id, ok := key.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	if fd.Recv != nil {
		for _, f := range fd.Recv.List {
			for _, n := range f.Names {
				if info.Defs[n] == v {
					return true
				}
			}
		}
	}
	for _, f := range fd.Type.Params.List {
		for _, n := range f.Names {
			if info.Defs[n] == v {
				return true
			}
		}
	}
	// A range variable over a map: a sweep.
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if r, ok := n.(*ast.RangeStmt); ok && r.Tok == token.DEFINE {
			if _, isMap := info.TypeOf(r.X).Underlying().(*types.Map); isMap {
				for _, e := range []ast.Expr{r.Key, r.Value} {
					if k, ok := e.(*ast.Ident); ok && info.Defs[k] == v {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}

// removedField returns the struct field that call deletes an entry from
// (delete(m.byID, id)) or clears (clear(m.byID), clear(c.recent)), or nil.
func removedField(info *types.Info, call *ast.CallExpr) *types.Var {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) == 0 {
		return nil
	}
	b, ok := info.Uses[id].(*types.Builtin)
	if !ok || b.Name() != "delete" && b.Name() != "clear" {
		return nil
	}
	sel, ok := ast.Unparen(call.Args[0]).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return nil
	}
	switch s.Obj().Type().Underlying().(type) {
	case *types.Map:
	case *types.Slice:
		if b.Name() != "clear" {
			return nil
		}
	default:
		return nil
	}
	return s.Obj().(*types.Var).Origin()
}

// grownFields returns the slice fields that the package appends to
// (appendedFields) anywhere, cleanups included: such a slice is no ring of
// fixed length, whatever index its other stores write at.
func (c *checker) grownFields() map[*types.Var]bool {
	grown := map[*types.Var]bool{}
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok {
				for _, field := range appendedFields(c.pass.TypesInfo, as) {
					grown[field] = true
				}
			}
			return true
		})
	}
	return grown
}
