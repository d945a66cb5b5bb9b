package lifetime

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// selectorBase returns the text of x in the selection x.f whose f is at
// pos, or of the receiver x of the method call x.m(…) whose parenthesis is
// at pos, when x is a name or a chain of field selections on a name.
func selectorBase(info *types.Info, f *ast.File, pos token.Pos) string {
	path, _ := astutil.PathEnclosingInterval(f, pos, pos+1)
	for _, n := range path {
		var x ast.Expr
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if n.Sel.Pos() == pos {
				x = n.X
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && n.Lparen == pos {
				x = sel.X
			}
		}
		if x != nil {
			if simpleExpr(info, x) {
				return types.ExprString(x)
			}
			return ""
		}
	}
	return ""
}

// simpleExpr reports whether e is a name or a chain of field selections on
// a name: safe to evaluate again in runtime.KeepAlive(e).
func simpleExpr(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		_, ok := info.Uses[e].(*types.Var)
		return ok
	case *ast.SelectorExpr:
		s := info.Selections[e]
		return s != nil && s.Kind() == types.FieldVal && simpleExpr(info, e.X)
	}
	return false
}

// keepAliveFix inserts runtime.KeepAlive(obj) after the statement holding
// instruction last, or defers it before that statement when it leaves the
// block (a return).
func (l *lifetime) keepAliveFix(last ssa.Instruction, obj string) (analysis.SuggestedFix, bool) {
	pos := last.Pos()
	f := l.file(pos)
	if !pos.IsValid() || f == nil {
		return analysis.SuggestedFix{}, false
	}
	path, _ := astutil.PathEnclosingInterval(f, pos, pos+1)
	var stmt ast.Stmt
	for i, n := range path {
		s, ok := n.(ast.Stmt)
		if !ok || i+1 >= len(path) {
			continue
		}
		switch path[i+1].(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			stmt = s
		}
		if stmt != nil {
			break
		}
	}
	if stmt == nil {
		return analysis.SuggestedFix{}, false
	}
	rt, edits := l.runtimeName(f)
	indent := strings.Repeat("\t", l.pass.Fset.Position(stmt.Pos()).Column-1)
	call := rt + ".KeepAlive(" + obj + ")"
	switch stmt.(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		edits = append(edits, analysis.TextEdit{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte("defer " + call + "\n" + indent)})
	default:
		// After the statement's line, so that a trailing comment stays put.
		at := stmt.End()
		if tf := l.pass.Fset.File(at); tf != nil && tf.Line(at) < tf.LineCount() {
			at = tf.LineStart(tf.Line(at)+1) - 1
		}
		edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n" + indent + call)})
	}
	return analysis.SuggestedFix{Message: "Add " + call, TextEdits: edits}, true
}

// runtimeName returns the name under which f imports package runtime,
// and the edit that adds the import when it does not.
func (l *lifetime) runtimeName(f *ast.File) (string, []analysis.TextEdit) {
	for _, imp := range f.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path == "runtime" {
			switch {
			case imp.Name == nil:
				return "runtime", nil
			case imp.Name.Name != "_" && imp.Name.Name != ".":
				return imp.Name.Name, nil
			}
		}
	}
	for _, decl := range f.Decls {
		if gen, ok := decl.(*ast.GenDecl); ok && gen.Tok == token.IMPORT && gen.Lparen.IsValid() {
			return "runtime", []analysis.TextEdit{{Pos: gen.Lparen + 1, End: gen.Lparen + 1, NewText: []byte("\n\t\"runtime\"")}}
		}
	}
	return "runtime", []analysis.TextEdit{{Pos: f.Name.End(), End: f.Name.End(), NewText: []byte("\n\nimport \"runtime\"")}}
}
