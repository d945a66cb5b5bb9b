package nilsafe

import (
	"go/ast"
	"go/constant"
	"go/token"
	"strings"
)

// A NilResult is a constant that a function returns whenever one of its
// pointer arguments is nil: called with nil as argument Param (a method's
// receiver is 0), it returns Value as its result number Result. Value is
// the constant as Go spells it (true, false, nil, "", 0, -1): a caller
// that branches on that result learns, on the side where it differs from
// Value, that the argument was not nil,
//
//	func (u *User) IsAdmin() bool { return u != nil && u.Role == Admin } // {0, 0, false}
//	if !u.IsAdmin() { continue }                                        // u != nil past here
//
// It is a few bytes in derefs' facts, which go vet's fast path writes for
// every nil-safe method of the packages it skips.
type NilResult struct {
	Param, Result int
	Value         string
}

// NilResults returns the constants that fd, a method that NilSafe lists,
// returns for a nil receiver, read from the shape that makes it nil-safe:
//
//   - return r != nil && ...: false; return r == nil || ...: true;
//   - if r == nil [|| ...] { ...; return K1, ..., Kn }, where that return is
//     the only one in the if body: each Ki spelled as a constant literal;
//   - if r != nil [&& ...] { ... } followed by return K1, ..., Kn alone.
//
// Results that are not constant literals (a named constant, an
// expression) are left out: syntax does not know their values. The
// predeclared true, false and nil are taken at their word.
func NilResults(fd *ast.FuncDecl) []NilResult {
	if !NilSafe(fd) {
		return nil
	}
	r := fd.Recv.List[0].Names[0].Name
	return nilResults(fd, 0, func(cond ast.Expr, at token.Pos) token.Token { return nilCheck(cond, at, r) })
}

// ParamNilResults returns the constants that fd returns when one of its
// parameters of pointer type (not the receiver) is nil, from the shapes of
// NilResults with the parameter in place of the receiver, whatever their
// spelling:
//
//	func IsAdmin(u *User) bool { return u != nil && u.Role == Admin } // {0, 0, false}
//
// (argument indexes count a method's receiver as 0). It is part of the
// parameter rule (Derefs), which reads whole packages: a byte prefilter
// does not need to find it.
func ParamNilResults(fd *ast.FuncDecl) []NilResult {
	if fd.Body == nil || len(fd.Body.List) == 0 {
		return nil
	}
	var out []NilResult
	i := fd.Recv.NumFields()
	for _, field := range fd.Type.Params.List {
		_, ptr := ast.Unparen(field.Type).(*ast.StarExpr)
		for _, name := range field.Names {
			if p := name.Name; ptr && p != "_" {
				out = append(out, nilResults(fd, i, func(cond ast.Expr, _ token.Pos) token.Token {
					op, _ := nilCheckShape(cond, p)
					return op
				})...)
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return out
}

// nilResults returns the constants that fd returns when its argument param
// is nil, if its body begins with a nil check of it that check recognizes
// (token.EQL for param == nil [|| ...], token.NEQ for param != nil [&& ...],
// given the position where the condition must begin).
func nilResults(fd *ast.FuncDecl, param int, check func(cond ast.Expr, at token.Pos) token.Token) []NilResult {
	var out []NilResult
	switch first := fd.Body.List[0].(type) {
	case *ast.ReturnStmt:
		if len(fd.Body.List) != 1 || len(first.Results) != 1 {
			break
		}
		switch check(first.Results[0], first.Return+token.Pos(len("return "))) {
		case token.NEQ:
			out = []NilResult{{Value: "false"}}
		case token.EQL:
			out = []NilResult{{Value: "true"}}
		}
	case *ast.IfStmt:
		if first.Init != nil {
			break
		}
		switch check(first.Cond, first.If+token.Pos(len("if "))) {
		case token.EQL: // the body runs, and ends in its only return
			body := first.Body.List
			if len(body) == 0 || returns(first.Body) != 1 || hasBranch(first.Body, token.GOTO) {
				break
			}
			if ret, ok := body[len(body)-1].(*ast.ReturnStmt); ok {
				out = constantResults(ret)
			}
		case token.NEQ: // the body is skipped, then the rest runs
			if rest := fd.Body.List[1:]; first.Else == nil && len(rest) == 1 {
				if ret, ok := rest[0].(*ast.ReturnStmt); ok {
					out = constantResults(ret)
				}
			}
		}
	}
	for i := range out {
		out[i].Param = param
	}
	return out
}

// returns counts the return statements in n, outside function literals.
func returns(n ast.Node) int {
	count := 0
	ast.Inspect(n, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ReturnStmt:
			count++
		case *ast.FuncLit:
			return false
		}
		return true
	})
	return count
}

// constantResults returns the results of a method's return statement that
// are constant literals, for a nil receiver.
func constantResults(ret *ast.ReturnStmt) []NilResult {
	var out []NilResult
	for i, e := range ret.Results {
		if v := literal(e); v != "" {
			out = append(out, NilResult{Result: i, Value: v})
		}
	}
	return out
}

// literal returns e's spelling if e is a constant literal: true, false,
// nil, a basic literal, or a signed number; or "".
func literal(e ast.Expr) string {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if e.Name == "true" || e.Name == "false" || e.Name == "nil" {
			return e.Name
		}
	case *ast.BasicLit:
		return e.Value
	case *ast.UnaryExpr:
		if lit, ok := ast.Unparen(e.X).(*ast.BasicLit); ok && (e.Op == token.SUB || e.Op == token.ADD) && lit.Kind != token.STRING && lit.Kind != token.CHAR {
			return e.Op.String() + lit.Value
		}
	}
	return ""
}

// Constant returns the value of r.Value, and isNil for nil. A spelling
// that is not a constant literal (a fact written by something else) gives
// an unknown value, which compares with nothing.
func (r NilResult) Constant() (v constant.Value, isNil bool) {
	switch r.Value {
	case "nil":
		return nil, true
	case "true", "false":
		return constant.MakeBool(r.Value == "true"), false
	}
	s, sign := r.Value, token.ADD
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		s, sign = rest, token.SUB
	} else {
		s = strings.TrimPrefix(s, "+")
	}
	if s == "" {
		return constant.MakeUnknown(), false
	}
	var kinds []token.Token
	switch s[0] {
	case '"', '`':
		kinds = []token.Token{token.STRING}
	case '\'':
		kinds = []token.Token{token.CHAR}
	default:
		kinds = []token.Token{token.INT, token.FLOAT, token.IMAG}
	}
	for _, k := range kinds {
		if v := constant.MakeFromLiteral(s, k, 0); v.Kind() != constant.Unknown {
			if sign == token.SUB {
				if k == token.STRING || k == token.CHAR {
					break // not a literal()
				}
				v = constant.UnaryOp(token.SUB, v, 0)
			}
			return v, false
		}
	}
	return constant.MakeUnknown(), false
}
