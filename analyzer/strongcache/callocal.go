package strongcache

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// A map or slice local to a function that keeps a referent and its weak
// pointer side by side (a test's kept[wp] = p, which keeps the values
// alive on purpose while it checks what a registry drops) holds them only
// for the call: it is no cache, and its weak pointers die once the call
// returns. It counts only if it never leaves the function: it is only
// indexed, ranged over, measured, cleared, deleted from or passed to
// runtime.KeepAlive, never returned, stored, passed on or captured by a
// function literal.

// callLocal reports whether v is such a local of the function.
func (fs *funcScope) callLocal(v *types.Var) bool {
	info := fs.a.pass.TypesInfo
	if v == nil || isPackageLevel(v) || isParam(v) || v.IsField() {
		return false
	}
	decl := fs.cur.Node()
	if v.Pos() < decl.Pos() || v.Pos() >= decl.End() {
		return false
	}
	switch types.Unalias(v.Type()).Underlying().(type) {
	case *types.Map, *types.Slice:
	default:
		return false
	}
	for _, c := range fs.uses[v] {
		if _, captured := capturingLit(c, v); captured {
			return false
		}
		switch c.ParentEdgeKind() {
		case edge.IndexExpr_X, edge.RangeStmt_X:
			continue
		case edge.AssignStmt_Lhs:
			continue // kept = append(kept, x): what is appended is judged where it is
		case edge.CallExpr_Args:
			call := c.Parent().Node().(*ast.CallExpr)
			if isBuiltin(info, call.Fun, "len") || isBuiltin(info, call.Fun, "cap") || isBuiltin(info, call.Fun, "delete") || isBuiltin(info, call.Fun, "clear") {
				continue
			}
			if isBuiltin(info, call.Fun, "append") && call.Args[0] == c.Node() && c.Parent().ParentEdgeKind() == edge.AssignStmt_Rhs {
				assign := c.Parent().Parent().Node().(*ast.AssignStmt)
				if len(assign.Lhs) == 1 {
					if id, ok := assign.Lhs[0].(*ast.Ident); ok && info.ObjectOf(id) == v {
						continue // kept = append(kept, x)
					}
				}
			}
			if fn := weakapi.Callee(info, call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "runtime" && fn.Name() == "KeepAlive" {
				continue
			}
		}
		return false
	}
	return true
}
