package cleanupref

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/internal/ssa"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// Where a holder keeps what it is given, and whether it gives it back (see
// removed.go): reach asks, at every store of the object, whether the
// program takes back what the store puts there.

// released returns the reach.Query.Released of the package: a store into a
// field of a holder is taken back when the field is a map, list or slice
// the program takes values out of (fields, from releasedFields), an array
// or a slice that the package never appends to (grown) written at varying
// indexes (a ring), or a slot the next value overwrites.
func released(fields, grown map[*types.Var]bool) func(ssa.Instruction, ssa.Value) bool {
	return func(instr ssa.Instruction, addr ssa.Value) bool {
		field, fa, index := placeOf(addr)
		if field == nil {
			return false
		}
		_, fixed := index.(*ssa.Const)
		varying := index != nil && !fixed
		switch t := field.Type().Underlying().(type) {
		case *types.Map:
			return fields[field]
		case *types.Slice:
			// c.hot[c.next] = v in a slice made once, of a fixed length:
			// a ring of len(c.hot) slots.
			return fields[field] || varying && !grown[field]
		case *types.Array:
			if varying {
				return true // in.recent[in.next] = ls: a ring of len(t) slots
			}
		case *types.Pointer:
			if isList(t.Elem()) {
				return fields[field]
			}
		case *types.Struct:
			if isList(field.Type()) {
				return fields[field]
			}
		}
		return rotates(instr, fa)
	}
}

// placeOf returns the struct field of a holder that addr (a store's
// address, a map, a container) is memory of: the nearest field on the way
// from addr to its holder that is a collection (r.entries in
// r.entries[i].obj), or else the nearest field (sc.lastConn). fa is that
// field's address, and index the index of the element of an array field
// written. Fields of the function's own variables and literals are no
// holder's.
func placeOf(addr ssa.Value) (field *types.Var, fa *ssa.FieldAddr, index ssa.Value) {
	var lastIndex ssa.Value
	for v := addr; v != nil; {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			if _, local := x.X.(*ssa.Alloc); local {
				return nil, nil, nil
			}
			f := structField(x)
			if f == nil {
				return nil, nil, nil
			}
			if field == nil {
				field, fa, index = f, x, lastIndex
			}
			if isCollection(f.Type()) {
				return f, x, lastIndex
			}
			lastIndex = nil
			v = x.X
		case *ssa.IndexAddr:
			lastIndex = x.Index
			v = x.X
		case *ssa.UnOp:
			v = x.X
		case *ssa.Slice:
			v = x.X
		default:
			v = nil
		}
	}
	return field, fa, index
}

// structField returns the field (generic origin) that fa addresses.
func structField(fa *ssa.FieldAddr) *types.Var {
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() {
		return nil
	}
	return st.Field(fa.Field).Origin()
}

// isCollection reports whether t holds many values: a map, slice, array or
// container/list.
func isCollection(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Map, *types.Slice, *types.Array:
		return true
	case *types.Pointer:
		return isList(u.Elem())
	}
	return isList(t)
}

// isList reports whether t is container/list.List.
func isList(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "container/list" && named.Obj().Name() == "List"
}

// rotates reports whether the single slot fa (sc.lastConn = c) holds only
// the latest of many values: the function that fills it also indexes the
// value it stores, or a weak pointer to it, in a collection of the same
// holder (sc.byConn[weak.Make(c)] = cs). Such a function runs once per value
// the holder keeps, so the next one overwrites the slot. A slot that
// nothing else indexes (s.conn = c in a session's attach) is the holder's
// own, and holds its value for as long as the holder lives.
func rotates(instr ssa.Instruction, fa *ssa.FieldAddr) bool {
	st, ok := instr.(*ssa.Store)
	if !ok || fa == nil || st.Addr != fa {
		return false
	}
	indexed := func(v ssa.Value) bool {
		v = reach.Underlying(v)
		if v == reach.Underlying(st.Val) {
			return true
		}
		call, ok := v.(*ssa.Call)
		if !ok || len(call.Call.Args) != 1 || reach.Underlying(call.Call.Args[0]) != reach.Underlying(st.Val) {
			return false
		}
		fn := weakapi.SSACallee(&call.Call)
		return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == weakapi.WeakPath && fn.Name() == "Make"
	}
	for _, b := range st.Parent().Blocks {
		for _, in := range b.Instrs {
			u, ok := in.(*ssa.MapUpdate)
			if !ok || !indexed(u.Key) && !indexed(u.Value) {
				continue
			}
			if f, other, _ := placeOf(u.Map); f != nil && other != fa && other.X == fa.X && other.Field != fa.Field {
				return true
			}
		}
	}
	return false
}

// evictedField returns the container/list field that call removes an
// element from or empties (c.lru.Remove(c.lru.Back()), c.lru.Init()), or
// nil.
func evictedField(info *types.Info, call *ast.CallExpr) *types.Var {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Remove" && sel.Sel.Name != "Init" {
		return nil
	}
	fn, ok := info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Signature().Recv() == nil {
		return nil
	}
	recv := fn.Signature().Recv().Type()
	if p, ok := recv.(*types.Pointer); ok {
		recv = p.Elem()
	}
	if !isList(recv) {
		return nil
	}
	return fieldOf(info, sel.X)
}

// shrunkFields returns the slice fields that assign takes values out of:
// c.idle = c.idle[:n-1], c.q = c.q[1:], c.all = append(c.all[:i],
// c.all[i+1:]...), c.all = slices.Delete(c.all, i, i+1), c.all = nil.
// copy(c.recent, c.recent[1:]), a shift, is a call: see copiedField.
func shrunkFields(info *types.Info, assign *ast.AssignStmt) []*types.Var {
	if len(assign.Lhs) != len(assign.Rhs) {
		return nil
	}
	var out []*types.Var
	for i, lhs := range assign.Lhs {
		field := fieldOf(info, lhs)
		if field == nil {
			continue
		}
		if _, isSlice := field.Type().Underlying().(*types.Slice); !isSlice {
			continue
		}
		if shrinks(info, field, ast.Unparen(assign.Rhs[i])) {
			out = append(out, field)
		}
	}
	return out
}

// appendedFields returns the fields that assign sets to an append
// (c.all = append(c.all, v)).
func appendedFields(info *types.Info, assign *ast.AssignStmt) []*types.Var {
	if len(assign.Lhs) != len(assign.Rhs) {
		return nil
	}
	var out []*types.Var
	for i, lhs := range assign.Lhs {
		call, ok := ast.Unparen(assign.Rhs[i]).(*ast.CallExpr)
		if !ok {
			continue
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); !ok || info.Uses[id] != types.Universe.Lookup("append") {
			continue
		}
		if field := fieldOf(info, lhs); field != nil {
			out = append(out, field)
		}
	}
	return out
}

// shrinks reports whether rhs, assigned to the slice field, is the field
// with values taken out.
func shrinks(info *types.Info, field *types.Var, rhs ast.Expr) bool {
	switch rhs := rhs.(type) {
	case *ast.Ident:
		return rhs.Name == "nil" && info.Uses[rhs] == types.Universe.Lookup("nil")
	case *ast.SliceExpr:
		return fieldOf(info, rhs.X) == field
	case *ast.CallExpr:
		if len(rhs.Args) == 0 {
			return false
		}
		first := ast.Unparen(rhs.Args[0])
		if id, ok := ast.Unparen(rhs.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "append" {
				s, ok := first.(*ast.SliceExpr)
				return ok && fieldOf(info, s.X) == field // append(c.all[:i], c.all[i+1:]...)
			}
		}
		fn := weakapi.Callee(info, rhs)
		return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "slices" &&
			(fn.Name() == "Delete" || fn.Name() == "DeleteFunc") && fieldOf(info, first) == field
	}
	return false
}

// copiedField returns the slice field that call, a copy, overwrites
// (copy(c.recent, c.recent[1:]) shifts out the oldest), or nil.
func copiedField(info *types.Info, call *ast.CallExpr) *types.Var {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) != 2 {
		return nil
	}
	if b, ok := info.Uses[id].(*types.Builtin); !ok || b.Name() != "copy" {
		return nil
	}
	dst := ast.Unparen(call.Args[0])
	if s, ok := dst.(*ast.SliceExpr); ok {
		dst = ast.Unparen(s.X)
	}
	return fieldOf(info, dst)
}

// fieldOf returns the struct field that e selects (c.lru, c.recent), as
// its generic origin, or nil.
func fieldOf(info *types.Info, e ast.Expr) *types.Var {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return nil
	}
	return s.Obj().(*types.Var).Origin()
}

// heldIn names the holder's field that path says the function stored the
// object into (s.recent, c.lru), or returns "" if path does not say or the
// field cannot be named from the function's variables.
func heldIn(path *reach.Path) string {
	for p := path; p != nil && p.Rel == reach.Holder; p = p.Next {
		if p.Store == nil {
			continue
		}
		if field, fa, _ := placeOf(p.Store); fa != nil && judged(field.Type()) {
			return fieldText(fa)
		}
	}
	return ""
}

// judged reports whether released judges what a field of type t gives
// back: maps, slices, arrays, lists and pointer slots, not channels (a
// receiver takes values out) nor other containers (sync.Map).
func judged(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Map, *types.Slice, *types.Array, *types.Pointer:
		return true
	}
	return isList(t)
}

// fieldText spells the field address fa as the source would (s.db.Stmts),
// or returns "" when its root is not a named variable.
func fieldText(fa *ssa.FieldAddr) string {
	f := structField(fa)
	if f == nil {
		return ""
	}
	x := fa.X
	if load, ok := x.(*ssa.UnOp); ok && load.Op == token.MUL {
		switch inner := load.X.(type) {
		case *ssa.FieldAddr:
			if s := fieldText(inner); s != "" {
				return s + "." + f.Name()
			}
		case *ssa.Alloc: // a variable captured by a closure
			if inner.Comment != "" {
				return inner.Comment + "." + f.Name()
			}
		}
		return ""
	}
	switch x.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return x.Name() + "." + f.Name()
	}
	return ""
}
