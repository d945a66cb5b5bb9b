package cache

import (
	"go/ast"
	"go/token"
	"slices"

	"golang.org/x/tools/go/packages"
)

// repair returns a copy of a package with hard errors in which the body of
// every broken function is replaced by panic(""), type-checked again, if
// that leaves it without hard errors; else nil.
//
// weaklint's analyzers build SSA, and go/ssa panics on the missing types of
// ill-typed code: one undefined name while typing would cost every finding
// of the package. The repaired package is well-typed, and its other
// declarations are the same syntax at the same positions, so what the
// analyzers find there is what they would find once the error is fixed.
// Errors outside function bodies (a broken signature, a type or a
// variable declaration, a package clause) are not repaired: dropping them
// would break their uses.
func repair(pkg *packages.Package, broken *brokenCode) *packages.Package {
	if pkg.Types == nil || len(pkg.Syntax) != len(pkg.CompiledGoFiles) {
		return nil
	}
	fset := pkg.Fset
	files := slices.Clone(pkg.Syntax)
	repaired := false
	for i, f := range files {
		spans := broken.spans[fset.File(f.FileStart).Name()]
		if len(spans) == 0 {
			continue
		}
		nf := *f
		nf.Decls = slices.Clone(f.Decls)
		for _, sp := range spans {
			j := slices.IndexFunc(nf.Decls, func(d ast.Decl) bool { return d.Pos() == sp.pos && d.End() == sp.end })
			if j < 0 {
				return nil // the file's header, or something between declarations
			}
			fd, ok := nf.Decls[j].(*ast.FuncDecl)
			if !ok || fd.Body == nil || !fd.Body.Lbrace.IsValid() {
				return nil
			}
			if brokenSignature(fd, broken) {
				return nil
			}
			stub := *fd
			stub.Body = stubBody(fd.Body)
			nf.Decls[j] = &stub
			repaired = true
		}
		files[i] = &nf
	}
	if !repaired {
		return nil
	}
	tpkg, info, typeErrs := typeCheck(fset, pkg, files, pkg.Imports, true)
	for _, te := range typeErrs {
		if !te.Soft {
			return nil
		}
	}
	fixed := *pkg
	fixed.Syntax, fixed.Types, fixed.TypesInfo, fixed.TypeErrors = files, tpkg, info, typeErrs
	fixed.Errors, fixed.IllTyped = nil, false
	return &fixed
}

// brokenSignature reports whether an error lies in a function's signature
// rather than its body.
func brokenSignature(fd *ast.FuncDecl, broken *brokenCode) bool {
	for _, p := range broken.errPos {
		if fd.Pos() <= p && p < fd.Body.Lbrace {
			return true
		}
	}
	return false
}

// stubBody returns { panic("") } spanning the same positions as body: a
// terminating statement, valid whatever the function returns.
func stubBody(body *ast.BlockStmt) *ast.BlockStmt {
	at := body.Lbrace
	call := &ast.CallExpr{
		Fun:    &ast.Ident{NamePos: at, Name: "panic"},
		Lparen: at,
		Args:   []ast.Expr{&ast.BasicLit{ValuePos: at, Kind: token.STRING, Value: `""`}},
		Rparen: at,
	}
	return &ast.BlockStmt{Lbrace: body.Lbrace, List: []ast.Stmt{&ast.ExprStmt{X: call}}, Rbrace: body.Rbrace}
}
