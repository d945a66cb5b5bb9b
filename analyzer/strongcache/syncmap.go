package strongcache

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

func (ix *index) syncMapCall(cur inspector.Cursor, call *ast.CallExpr, sel *ast.SelectorExpr, v *types.Var) {
	method := sel.Sel.Name
	if v == nil {
		switch method {
		case "Delete", "LoadAndDelete", "CompareAndDelete", "Clear":
			ix.syncMapPruned = true
		}
		return
	}
	u := ix.use(v)
	fn := outerFunc(cur)
	arg := func(i int) ast.Expr {
		if i < len(call.Args) {
			return call.Args[i]
		}
		return nil
	}
	switch method {
	case "Delete", "LoadAndDelete", "CompareAndDelete":
		u.deletes = append(u.deletes, prune{pos: call.Pos(), cur: cur, key: arg(0)})
	case "Clear":
		u.clears = append(u.clears, prune{pos: call.Pos(), cur: cur})
	case "Load":
		u.lookups = append(u.lookups, access{pos: call.Pos(), cur: cur, key: arg(0), fn: fn})
	case "Store", "Swap", "CompareAndSwap":
		val := arg(1)
		if method == "CompareAndSwap" {
			val = arg(2)
		}
		u.inserts = append(u.inserts, access{pos: call.Pos(), cur: cur, key: arg(0), value: val, fn: fn, once: ix.runsOnce(cur)})
	case "LoadOrStore":
		a := access{pos: call.Pos(), cur: cur, key: arg(0), value: arg(1), fn: fn, loadOrStore: true, once: ix.runsOnce(cur)}
		u.lookups = append(u.lookups, a)
		u.inserts = append(u.inserts, a)
	}
}

// syncMapMethod reports whether sel selects a method of sync.Map, on a
// sync.Map or promoted from an embedded one (type certs struct{ sync.Map }),
// and returns the variable or field holding the sync.Map, or nil if it
// cannot be resolved.
func (ix *index) syncMapMethod(sel *ast.SelectorExpr) (*types.Var, bool) {
	info := ix.pass.TypesInfo
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return nil, false
	}
	recv := s.Obj().(*types.Func).Signature().Recv()
	if recv == nil || !isSyncMap(recv.Type()) {
		return nil, false
	}
	if isSyncMap(info.TypeOf(sel.X)) {
		return ix.resolve(sel.X), true
	}
	// Promoted: follow the embedded fields down to the sync.Map.
	t := info.TypeOf(sel.X)
	path := s.Index()
	var field *types.Var
	for _, i := range path[:len(path)-1] {
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return nil, true
		}
		field = st.Field(i)
		t = field.Type()
	}
	if field == nil {
		return nil, true
	}
	return field.Origin(), true
}

func (ix *index) isSyncMapMethod(sel *ast.SelectorExpr) bool {
	_, ok := ix.syncMapMethod(sel)
	return ok
}
