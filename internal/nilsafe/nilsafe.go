// Package nilsafe is a syntactic rule for methods that do not dereference
// their pointer receiver when it is nil: protobuf-style getters
//
//	func (m *User) GetName() string { if m == nil { return "" }; return m.Name }
//	func (m *User) GetAddr() *Addr  { if m != nil { return m.Addr }; return nil }
//
// Package derefs exports a fact for such a method of a package that has no
// weak code (its Fact with Params nil), so that calling it on a possibly
// reclaimed referent is not reported; elsewhere a method of another package
// with a pointer receiver is assumed to dereference it. go vet's fast path
// (internal/vetgate) computes the same facts for the packages that it does
// not type-check, so the rule looks at syntax only (go/ast, no types):
// both must list exactly the same methods.
//
// The rule is conservative: a method is listed only in the shapes below,
// and anything else keeps the assumption that it dereferences its
// receiver. A listed method never dereferences a nil receiver.
package nilsafe

import (
	"go/ast"
	"go/token"
)

// Methods returns the methods declared in f that the rule lists, in
// declaration order: exported methods (the others cannot be called from
// another package) with a named pointer receiver r whose body begins with a
// nil check of r that returns, or skips all the rest, when r is nil:
//
//   - if r == nil { ...; return ... } as the first statement, where the if
//     body ends in a return and mentions neither r nor goto; the condition
//     may be r == nil || ...;
//   - if r != nil { ... } as the first statement, without else, and no
//     mention of r in the statements after it (a getter's final return);
//     the condition may be r != nil && ....;
//   - return r != nil && ... (or r == nil || ...) as the whole body (a
//     predicate such as Valid).
//
// The receiver and the check must be spelled with gofmt's spacing,
// "func (r *T" and "if r == nil" (or !=), so that Candidate can find them in a
// file's text.
func Methods(f *ast.File) []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && NilSafe(fd) {
			out = append(out, fd)
		}
	}
	return out
}

// NilSafe reports whether the rule lists the method fd (see Methods).
func NilSafe(fd *ast.FuncDecl) bool {
	if fd.Recv == nil || len(fd.Recv.List) != 1 || !fd.Name.IsExported() || fd.Body == nil || len(fd.Body.List) == 0 {
		return false
	}
	field := fd.Recv.List[0]
	if len(field.Names) != 1 {
		return false
	}
	r := field.Names[0]
	star, ok := field.Type.(*ast.StarExpr)
	if !ok || r.Name == "_" || fd.Recv.Opening != fd.Type.Func+5 || r.Pos() != fd.Recv.Opening+1 || star.Star != r.End()+1 {
		return false // not "func (r *T" (nor "func (r *T[K]")
	}
	if ret, ok := fd.Body.List[0].(*ast.ReturnStmt); ok && len(fd.Body.List) == 1 {
		// return r != nil && ... or return r == nil || ...: the rest of the
		// chain is not evaluated when r is nil.
		return len(ret.Results) == 1 && nilCheck(ret.Results[0], ret.Return+token.Pos(len("return ")), r.Name) != token.ILLEGAL
	}
	first, ok := fd.Body.List[0].(*ast.IfStmt)
	if !ok || first.Init != nil {
		return false
	}
	switch nilCheck(first.Cond, first.If+token.Pos(len("if ")), r.Name) {
	case token.EQL: // if r == nil [|| ...] { ...; return }
		n := len(first.Body.List)
		if n == 0 {
			return false
		}
		if _, ok := first.Body.List[n-1].(*ast.ReturnStmt); !ok {
			return false
		}
		return !mentions(first.Body, r.Name)
	case token.NEQ: // if r != nil [&& ...] { ... }; no r after it
		if first.Else != nil {
			return false
		}
		for _, s := range fd.Body.List[1:] {
			if mentions(s, r.Name) {
				return false
			}
		}
		return true
	}
	return false
}

// nilCheck returns token.EQL for a condition r == nil [|| ...], token.NEQ
// for r != nil [&& ...], spelled "if r == nil" (or "return r == nil") with
// one blank between tokens, where r starts at at, and token.ILLEGAL for
// anything else.
func nilCheck(cond ast.Expr, at token.Pos, r string) token.Token {
	op, b := nilCheckShape(cond, r)
	if op == token.ILLEGAL {
		return op
	}
	// "if r == nil": one byte between tokens can only be a blank.
	if b.X.Pos() != at || b.OpPos != b.X.End()+1 || b.Y.Pos() != b.OpPos+3 {
		return token.ILLEGAL
	}
	return op
}

// nilCheckShape is nilCheck whatever the spelling: it returns the
// comparison of r with nil too.
func nilCheckShape(cond ast.Expr, r string) (token.Token, *ast.BinaryExpr) {
	// The leftmost operand of a chain of || (for ==) or && (for !=), which
	// is evaluated first: when it decides, the rest is not evaluated.
	var chain token.Token
	for {
		b, ok := cond.(*ast.BinaryExpr)
		if !ok || b.Op != token.LOR && b.Op != token.LAND {
			break
		}
		if chain != token.ILLEGAL && b.Op != chain {
			return token.ILLEGAL, nil // a mix: a || b && c
		}
		chain, cond = b.Op, b.X
	}
	b, ok := cond.(*ast.BinaryExpr)
	if !ok || b.Op != token.EQL && b.Op != token.NEQ {
		return token.ILLEGAL, nil
	}
	if chain == token.LOR && b.Op != token.EQL || chain == token.LAND && b.Op != token.NEQ {
		return token.ILLEGAL, nil
	}
	x, ok := b.X.(*ast.Ident)
	if !ok || x.Name != r {
		return token.ILLEGAL, nil
	}
	y, ok := b.Y.(*ast.Ident)
	if !ok || y.Name != "nil" {
		return token.ILLEGAL, nil
	}
	return b.Op, b
}

// mentions reports whether n mentions an identifier named r (the receiver,
// or anything that shadows it: both count), or holds a goto (which could
// leave the if body for a statement that dereferences r).
func mentions(n ast.Node, r string) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			found = found || n.Name == r
		case *ast.BranchStmt:
			found = found || n.Tok == token.GOTO
		}
		return !found
	})
	return found
}
