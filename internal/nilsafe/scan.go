package nilsafe

import (
	"go/ast"
	"go/token"
)

// derefsParam reports whether fn dereferences its parameter p (of type *T,
// T a struct type of the package) on every path that returns normally, in
// a shape that syntax shows: the top-level statements of the body are
// scanned in order, and in each the expressions evaluated whenever the
// statement runs (not in function literals, not right of && or ||, in an
// if, switch or loop only its init, condition, tag or range expression),
// (and the body of a loop without condition, which runs at least once,
// and the channels and values of a select's cases, all evaluated on
// entry), looking for *p, p.F (F a field of T, or promoted from a struct of the
// package embedded in T), p.M(...) with M a method of T or of *T that
// dereferences its receiver, f(..., p, ...) with f a function of the
// package that dereferences that parameter, or range over p.F. The scan
// stops at a return, a panic, a branch, and after a compound statement
// that holds a return (another path may leave there). A function that
// assigns p anywhere (or declares another p), takes its address, or holds
// a goto is not scanned (see summarize):
// the rule is conservative, as a wrong "dereferenced" makes a false report.
func (pkg *syntaxPackage) derefsParam(fn *function, p string) bool {
	if fn.assigned[p] || fn.hasGoto {
		return false
	}
	s := &scanner{pkg: pkg, fn: fn, p: p, typ: paramType(fn, p)}
	if s.typ == "" {
		return false
	}
	found, _ := s.stmts(fn.decl.Body.List)
	return found
}

// paramType returns the name T of p's type *T.
func paramType(fn *function, p string) string {
	var fields []*ast.Field
	if fn.decl.Recv != nil {
		fields = append(fields, fn.decl.Recv.List...)
	}
	fields = append(fields, fn.decl.Type.Params.List...)
	for _, f := range fields {
		for _, n := range f.Names {
			if n.Name == p {
				if star, ok := ast.Unparen(f.Type).(*ast.StarExpr); ok {
					if id, ok := ast.Unparen(star.X).(*ast.Ident); ok {
						return id.Name
					}
				}
			}
		}
	}
	return ""
}

type scanner struct {
	pkg *syntaxPackage
	fn  *function
	p   string // the parameter
	typ string // its type *typ
}

// stmts scans a list of statements executed in order, and reports whether
// one dereferences p, and whether control certainly reaches the end of the
// list (or no normal return) when none does.
func (s *scanner) stmts(list []ast.Stmt) (found, cont bool) {
	for _, st := range list {
		found, cont = s.stmt(st)
		if found || !cont {
			return found, cont
		}
	}
	return false, true
}

func (s *scanner) stmt(st ast.Stmt) (found, cont bool) {
	switch st := st.(type) {
	case *ast.LabeledStmt:
		return s.stmt(st.Stmt)
	case *ast.EmptyStmt:
		return false, true
	case *ast.BlockStmt:
		return s.stmts(st.List)
	case *ast.ExprStmt:
		if call, ok := st.X.(*ast.CallExpr); ok && s.isBuiltin(call.Fun, "panic") {
			return s.exprs(call.Args), false
		}
		return s.expr(st.X), true
	case *ast.AssignStmt:
		return s.exprs(st.Rhs) || s.exprs(st.Lhs), true
	case *ast.IncDecStmt:
		return s.expr(st.X), true
	case *ast.SendStmt:
		return s.expr(st.Chan) || s.expr(st.Value), true
	case *ast.DeclStmt:
		if gd, ok := st.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, spec := range gd.Specs {
				if s.exprs(spec.(*ast.ValueSpec).Values) {
					return true, true
				}
			}
		}
		return false, true
	case *ast.ReturnStmt:
		return s.exprs(st.Results), false
	case *ast.DeferStmt:
		// The arguments are evaluated here; the call happens at the
		// return, which this rule does not follow.
		return s.exprs(st.Call.Args), true
	case *ast.GoStmt:
		return s.exprs(st.Call.Args), true
	case *ast.IfStmt:
		if st.Init != nil {
			if found, cont := s.stmt(st.Init); found || !cont {
				return found, cont
			}
		}
		return s.expr(st.Cond), fallsThrough(st)
	case *ast.SwitchStmt:
		if st.Init != nil {
			if found, cont := s.stmt(st.Init); found || !cont {
				return found, cont
			}
		}
		return st.Tag != nil && s.expr(st.Tag), fallsThrough(st)
	case *ast.TypeSwitchStmt:
		if st.Init != nil {
			if found, cont := s.stmt(st.Init); found || !cont {
				return found, cont
			}
		}
		var x ast.Expr
		switch a := st.Assign.(type) {
		case *ast.ExprStmt:
			x = a.X
		case *ast.AssignStmt:
			if len(a.Rhs) == 1 {
				x = a.Rhs[0]
			}
		}
		if ta, ok := x.(*ast.TypeAssertExpr); ok && s.expr(ta.X) {
			return true, true
		}
		return false, fallsThrough(st)
	case *ast.ForStmt:
		if st.Init != nil {
			if found, cont := s.stmt(st.Init); found || !cont {
				return found, cont
			}
		}
		if st.Cond == nil {
			// The body runs at least once; the loop is left by a
			// return (which stops the scan) or a break, which the
			// scan of the body would take for a fall through: a body
			// with a break anywhere is not scanned.
			if hasBranch(st.Body, token.BREAK) {
				return false, false
			}
			found, _ := s.stmts(st.Body.List)
			return found, false
		}
		return s.expr(st.Cond), fallsThrough(st)
	case *ast.RangeStmt:
		// With at most one iteration variable, an array's range
		// expression is not evaluated when its length is constant: only
		// a call or a second variable makes sure that it is.
		value, _ := st.Value.(*ast.Ident)
		_, call := ast.Unparen(st.X).(*ast.CallExpr)
		if (st.Value != nil && (value == nil || value.Name != "_") || call) && s.expr(st.X) {
			return true, true
		}
		return false, fallsThrough(st)
	case *ast.SelectStmt:
		// The channels of all cases, and the values sent, are evaluated
		// on entering the statement.
		if len(st.Body.List) == 0 {
			return false, false // blocks forever
		}
		for _, c := range st.Body.List {
			switch comm := c.(*ast.CommClause).Comm.(type) {
			case *ast.SendStmt:
				if s.expr(comm.Chan) || s.expr(comm.Value) {
					return true, true
				}
			case *ast.ExprStmt:
				if s.received(comm.X) {
					return true, true
				}
			case *ast.AssignStmt:
				if len(comm.Rhs) == 1 && s.received(comm.Rhs[0]) {
					return true, true
				}
			}
		}
		return false, fallsThrough(st)
	}
	return false, false // branches, anything else
}

// received reports whether e is a receive <-ch whose channel expression
// dereferences p (a select case's: the rest of the case is not evaluated
// unless it is chosen).
func (s *scanner) received(e ast.Expr) bool {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW && s.expr(u.X)
}

// fallsThrough reports whether control certainly goes on after the
// compound statement st of a function body's top level, or never returns
// normally: it holds no return (nor goto, which the rule excludes), outside
// function literals; a break or continue there concerns a loop or switch
// inside st.
func fallsThrough(st ast.Stmt) bool {
	ok := true
	ast.Inspect(st, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ReturnStmt:
			ok = false
		case *ast.FuncLit:
			return false
		}
		return ok
	})
	return ok
}

// hasBranch reports whether n holds a branch statement of kind tok
// (outside function literals), whatever its target: a break that may leave
// a loop early, a goto that may leave a nil branch for another return.
func hasBranch(n ast.Node, tok token.Token) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BranchStmt:
			found = found || n.Tok == tok
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

func (s *scanner) exprs(list []ast.Expr) bool {
	for _, e := range list {
		if s.expr(e) {
			return true
		}
	}
	return false
}

// isP reports whether e is the parameter p.
func (s *scanner) isP(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == s.p
}

// isBuiltin reports whether fun names the predeclared function name, not
// shadowed by the function or the package.
func (s *scanner) isBuiltin(fun ast.Expr, name string) bool {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	return ok && id.Name == name && !s.fn.locals[name] && !s.pkg.names[name]
}

// expr reports whether evaluating e certainly dereferences p.
func (s *scanner) expr(e ast.Expr) bool {
	switch e := e.(type) {
	case nil:
		return false
	case *ast.ParenExpr:
		return s.expr(e.X)
	case *ast.StarExpr:
		return s.isP(e.X) || s.expr(e.X)
	case *ast.SelectorExpr:
		if s.isP(e.X) {
			return s.selects(e.Sel.Name, false)
		}
		return s.expr(e.X)
	case *ast.CallExpr:
		return s.call(e)
	case *ast.BinaryExpr:
		if e.Op == token.LAND || e.Op == token.LOR {
			return s.expr(e.X)
		}
		return s.expr(e.X) || s.expr(e.Y)
	case *ast.UnaryExpr:
		return s.expr(e.X)
	case *ast.IndexExpr:
		return s.expr(e.X) || s.expr(e.Index)
	case *ast.IndexListExpr:
		return s.expr(e.X) || s.exprs(e.Indices)
	case *ast.SliceExpr:
		return s.expr(e.X) || s.expr(e.Low) || s.expr(e.High) || s.expr(e.Max)
	case *ast.TypeAssertExpr:
		return s.expr(e.X)
	case *ast.CompositeLit:
		return s.exprs(e.Elts)
	case *ast.KeyValueExpr:
		return s.expr(e.Key) || s.expr(e.Value)
	}
	return false // identifiers, literals, function literals, types
}

// call reports whether evaluating the call certainly dereferences p.
func (s *scanner) call(call *ast.CallExpr) bool {
	fun := ast.Unparen(call.Fun)
	// len and cap of an array are constant, and unsafe's functions
	// evaluate nothing: not followed.
	if s.isBuiltin(fun, "len") || s.isBuiltin(fun, "cap") {
		return false
	}
	if sel, ok := fun.(*ast.SelectorExpr); ok {
		if id, ok := sel.X.(*ast.Ident); ok && id.Name == "unsafe" && !s.fn.locals["unsafe"] {
			return false
		}
		if s.isP(sel.X) && s.selects(sel.Sel.Name, true) {
			return true
		}
	}
	if id, ok := fun.(*ast.Ident); ok && !s.fn.locals[id.Name] {
		if callee := s.pkg.byName[id.Name]; callee != nil && follows(s.fn, callee) {
			for i, arg := range call.Args {
				if call.Ellipsis.IsValid() && i == len(call.Args)-1 {
					break
				}
				if i < len(callee.derefs) && callee.derefs[i] && s.isP(arg) {
					return true
				}
			}
		}
	}
	return s.expr(fun) || s.exprs(call.Args)
}

// selects reports whether selecting name on p (called, if called)
// certainly dereferences p: a field of T (or promoted from a struct of the
// package embedded in T), a method of T (which copies *p), a called
// method of *T that dereferences its receiver.
func (s *scanner) selects(name string, called bool) bool {
	if m := s.pkg.methods[s.typ][name]; m != nil {
		if s.pkg.valueRecv[m.decl] {
			return true
		}
		return called && len(m.derefs) > 0 && m.derefs[0] && follows(s.fn, m)
	}
	return s.pkg.hasField(s.typ, name)
}

// hasField reports whether the struct type typ of the package has a field
// name, declared in it or promoted from a struct type of the package that
// it embeds (one level: a selector p.F reads *p in both cases). A method
// declared on typ takes precedence (selects looks for it first).
func (pkg *syntaxPackage) hasField(typ, name string) bool {
	st := pkg.structs[typ]
	if st == nil {
		return false
	}
	var embedded []string
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 {
			e := ast.Unparen(f.Type)
			if star, ok := e.(*ast.StarExpr); ok {
				e = ast.Unparen(star.X)
			}
			switch e := e.(type) {
			case *ast.Ident:
				if e.Name == name {
					return true
				}
				embedded = append(embedded, e.Name)
			case *ast.SelectorExpr:
				if e.Sel.Name == name {
					return true
				}
			case *ast.IndexExpr:
				if id, ok := e.X.(*ast.Ident); ok && id.Name == name {
					return true
				}
			case *ast.IndexListExpr:
				if id, ok := e.X.(*ast.Ident); ok && id.Name == name {
					return true
				}
			}
			continue
		}
		for _, n := range f.Names {
			if n.Name == name {
				return true
			}
		}
	}
	if pkg.declaredMethods[typ][name] {
		return false // a method of T (one without a body, say) hides the promoted field
	}
	// One level down: if the name is found there, and the program
	// compiles, p.name selects a field or a method promoted from an
	// embedded type, and either reads *p (a method promoted from a
	// pointer embedded in T is called on a field of *p, as is a method of
	// a value embedded in T: &p.E is checked too).
	for _, e := range embedded {
		if sub := pkg.structs[e]; sub != nil && directField(sub, name) {
			return true
		}
	}
	return false
}

// directField reports whether struct st declares a field name (not an
// embedded one, whose promoted methods are not followed).
func directField(st *ast.StructType, name string) bool {
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			if n.Name == name {
				return true
			}
		}
	}
	return false
}
