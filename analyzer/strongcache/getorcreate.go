package strongcache

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// getOrCreate reports whether the insertion ins completes a get-or-create:
// a lookup of the same key runs before it on every path through the
// function (in an earlier statement of a block that encloses it, or in the
// header of a statement that encloses it: if v, ok := m[k]; ok { ... }),
// and the function hands out what the map already holds on a hit (some
// lookup of that key whose value is used). sync.Map.LoadOrStore does both
// when its result is used.
//
// Not a memo: a lookup that only refuses duplicates (if _, dup := m[k]; dup
// { panic(...) }, groupcache's group registry) hands out nothing; a lookup
// in another branch does not precede the insertion; and one inside the
// inserted value (m[k] = append(m[k], x), a binding added to a list,
// viper's BindEnv) accumulates what callers pass rather than memoizing.
func (a *checker) getOrCreate(u *varUse, ins access) bool {
	key := types.ExprString(ins.key)
	same := func(l access) bool {
		return l.fn == ins.fn && l.key != nil && types.ExprString(l.key) == key
	}
	handsOut, precedes := false, ins.loadOrStore
	for _, l := range u.lookups {
		if !same(l) {
			continue
		}
		if !a.discarded(l.cur) {
			handsOut = true
		}
		if !precedes && runsBefore(l.cur, ins.cur) {
			precedes = true
		}
	}
	return handsOut && precedes
}

// discarded reports whether the value of the lookup at cur (m[k],
// m.Load(k), m.LoadOrStore(k, v)) is dropped: assigned to the blank
// identifier in a comma-ok form, compared with nil, or a call statement.
func (a *checker) discarded(cur inspector.Cursor) bool {
	info := a.pass.TypesInfo
	blank := func(e ast.Expr) bool {
		id, ok := e.(*ast.Ident)
		return ok && id.Name == "_"
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		return len(p.Rhs) == 1 && len(p.Lhs) > 0 && blank(p.Lhs[0])
	case *ast.ValueSpec:
		return len(p.Values) == 1 && len(p.Names) > 0 && blank(p.Names[0])
	case *ast.BinaryExpr:
		return (p.Op == token.EQL || p.Op == token.NEQ) && (isNil(info, p.X) || isNil(info, p.Y))
	case *ast.ExprStmt:
		return true
	}
	return false
}

// runsBefore reports whether the expression at l runs before the node at
// ins on every path to ins within one function body, judging by syntax: l
// comes first, in the header of a statement that encloses ins (if v, ok :=
// m[k]; !ok { ins }) or in a statement that precedes ins in a block
// enclosing it. An l in ins's own statement, or in a branch ins is not in,
// does not count.
func runsBefore(l, ins inspector.Cursor) bool {
	s, ok := listStmt(l)
	if !ok || l.Node().Pos() >= ins.Node().Pos() {
		return false
	}
	if t, _ := listStmt(ins); t == s {
		return false
	}
	if within(ins.Node(), s.Node()) {
		return true // l is in s's header: s's nested statement lists hold no l
	}
	return within(ins.Node(), s.Parent().Node())
}

// listStmt returns the innermost statement of a statement list (a block,
// a case or comm clause) that holds cur.
func listStmt(cur inspector.Cursor) (inspector.Cursor, bool) {
	for {
		switch cur.ParentEdgeKind() {
		case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
			return cur, true
		case edge.Invalid:
			return cur, false
		}
		cur = cur.Parent()
	}
}
