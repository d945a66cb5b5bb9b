package cache

import (
	"go/ast"
	"go/token"
)

// exprEnd returns the end of the outermost expression that starts at pos,
// or token.NoPos if there is none. Analyzers often report a position only
// (pass.Reportf): editors then underline one character, or nothing. The
// expression that starts there is what the diagnostic is about (the call
// p.Value() of a nil dereference p.Value().Name: all of p.Value().Name; the
// map of cache[k] = v: cache[k]).
func exprEnd(files []*ast.File, pos token.Pos) token.Pos {
	if !pos.IsValid() {
		return token.NoPos
	}
	for _, f := range files {
		if pos < f.FileStart || pos >= f.FileEnd {
			continue
		}
		end := token.NoPos
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil || end.IsValid() || n.End() <= pos || n.Pos() > pos {
				return false
			}
			if e, ok := n.(ast.Expr); ok && n.Pos() == pos {
				end = e.End()
				return false
			}
			return true
		})
		return end
	}
	return token.NoPos
}
