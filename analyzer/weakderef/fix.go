package weakderef

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"
)

// recallFix rewrites a nil check of one Value() call followed by another
// call into a single call kept in a variable:
//
//	if p.Value() != nil { p.Value().F }      →  if v := p.Value(); v != nil { v.F }
//	if p.Value() == nil { return }; p.Value().F  →  v := p.Value(); if v == nil { return }; v.F
//
// It returns nil when the shape is anything else, or when the rewrite could
// change the meaning (the weak pointer's variable is assigned in between).
func (r *reporter) recallFix(checked, use *ast.CallExpr) []analysis.SuggestedFix {
	file := r.fileOf(checked.Pos())
	if file == nil {
		return nil
	}
	ifStmt, op, parent := enclosingCheck(r.syntax.path(checked), checked)
	if ifStmt == nil || ifStmt.Init != nil {
		return nil
	}
	text := types.ExprString(checked)

	// The region where later calls are replaced by the variable.
	var region []ast.Node
	switch op {
	case token.NEQ:
		region = []ast.Node{ifStmt.Cond, ifStmt.Body}
	case token.EQL:
		if parent == nil || ifStmt.Else != nil {
			return nil
		}
		// The statements after the check, up to the next nil check
		// of the same call: from there the code checks again, and that
		// check's own diagnostic and fix cover what follows it. (Taking
		// the rest of the block made n repeated check-and-use pairs
		// cost O(n²) edits, 6 GB for n = 8000.)
		after := false
		for _, stmt := range parent.List {
			if after {
				if checksAgain(stmt, checked) {
					break
				}
				region = append(region, stmt)
			}
			after = after || stmt == ast.Stmt(ifStmt)
		}
		region = append(region, ifStmt.Cond)
	}
	if !contains(region, use) || assignsRoot(region, checked) || inLoopWithin(r.syntax.path(use), ifStmt) {
		return nil
	}
	var block *ast.BlockStmt // where the declaration lives, for the == nil form
	if op == token.EQL {
		block = parent
	}
	name := r.freshName(ifStmt, checked, region, block)

	var edits []analysis.TextEdit
	if op == token.NEQ {
		edits = append(edits, analysis.TextEdit{Pos: ifStmt.Cond.Pos(), End: ifStmt.Cond.Pos(), NewText: []byte(name + " := " + text + "; ")})
	} else {
		indent := r.indentAt(ifStmt.Pos())
		edits = append(edits, analysis.TextEdit{Pos: ifStmt.Pos(), End: ifStmt.Pos(), NewText: []byte(name + " := " + text + "\n" + indent)})
	}
	for _, n := range region {
		ast.Inspect(n, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if ok && types.ExprString(call) == text {
				edits = append(edits, analysis.TextEdit{Pos: call.Pos(), End: call.End(), NewText: []byte(name)})
				return false
			}
			return true
		})
	}
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("Call %s once and keep the result in %s", text, name),
		TextEdits: edits,
	}}
}

// enclosingCheck finds the if statement whose condition compares checked
// with nil (alone, or first in a && or || chain), the comparison operator,
// and the block that holds the if statement.
func enclosingCheck(path []ast.Node, checked *ast.CallExpr) (*ast.IfStmt, token.Token, *ast.BlockStmt) {
	for i, n := range path {
		ifStmt, ok := n.(*ast.IfStmt)
		if !ok {
			continue
		}
		cond := ast.Unparen(ifStmt.Cond)
		for {
			b, ok := cond.(*ast.BinaryExpr)
			if !ok || (b.Op != token.LAND && b.Op != token.LOR) {
				break
			}
			cond = ast.Unparen(b.X)
		}
		b, ok := cond.(*ast.BinaryExpr)
		if !ok || (b.Op != token.NEQ && b.Op != token.EQL) {
			return nil, 0, nil
		}
		if !(ast.Unparen(b.X) == ast.Expr(checked) && isNilIdent(b.Y)) && !(ast.Unparen(b.Y) == ast.Expr(checked) && isNilIdent(b.X)) {
			return nil, 0, nil
		}
		var parent *ast.BlockStmt
		if i+1 < len(path) {
			parent, _ = path[i+1].(*ast.BlockStmt)
		}
		return ifStmt, b.Op, parent
	}
	return nil, 0, nil
}

// checksAgain reports whether stmt is an if statement whose condition
// compares a call of the same text as checked with nil, as enclosingCheck
// recognizes one.
func checksAgain(stmt ast.Stmt, checked *ast.CallExpr) bool {
	ifStmt, ok := stmt.(*ast.IfStmt)
	if !ok || ifStmt.Init != nil {
		return false
	}
	cond := ast.Unparen(ifStmt.Cond)
	for {
		b, ok := cond.(*ast.BinaryExpr)
		if !ok || (b.Op != token.LAND && b.Op != token.LOR) {
			break
		}
		cond = ast.Unparen(b.X)
	}
	b, ok := cond.(*ast.BinaryExpr)
	if !ok || (b.Op != token.NEQ && b.Op != token.EQL) {
		return false
	}
	text := types.ExprString(checked)
	return isNilIdent(b.Y) && types.ExprString(ast.Unparen(b.X)) == text ||
		isNilIdent(b.X) && types.ExprString(ast.Unparen(b.Y)) == text
}

func isNilIdent(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "nil"
}

func contains(region []ast.Node, n ast.Node) bool {
	for _, r := range region {
		if r.Pos() <= n.Pos() && n.End() <= r.End() {
			return true
		}
	}
	return false
}

// assignsRoot reports whether the region may change which weak pointer the
// call's receiver denotes: it assigns the receiver (p, h.ref) or a prefix of
// it (h), or takes the address of one.
func assignsRoot(region []ast.Node, call *ast.CallExpr) bool {
	var recv string
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		recv = types.ExprString(fun.X)
	case *ast.Ident:
		recv = fun.Name // a method value: get := p.Value; get()
	default:
		return true
	}
	found := false
	for _, n := range region {
		ast.Inspect(n, func(n ast.Node) bool {
			var lhs []ast.Expr
			switch n := n.(type) {
			case *ast.AssignStmt:
				lhs = n.Lhs
			case *ast.IncDecStmt:
				lhs = []ast.Expr{n.X}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					lhs = []ast.Expr{n.X}
				}
			}
			for _, e := range lhs {
				s := types.ExprString(e)
				if s == recv || strings.HasPrefix(recv, s+".") || strings.HasPrefix(recv, s+"[") {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// freshName picks a variable name for the referent that is not in scope at
// pos and not used in the region: the referent type's name in lower case,
// else v, v2, v3... A check that is fixed more than once (one fix per use)
// gets the same name each time, so identical edits merge. For a declaration
// that lives to the end of block (the `== nil` form), the name is also not
// mentioned anywhere in block nor declared there by another check's fix:
// weaklint -fix applies all of a function's fixes together, and two `v :=`
// in one block do not compile.
func (r *reporter) freshName(check *ast.IfStmt, call *ast.CallExpr, region []ast.Node, block *ast.BlockStmt) string {
	if name, ok := r.names.byCheck[check]; ok {
		return name
	}
	var base string
	if t, ok := r.pass.TypesInfo.TypeOf(call).(*types.Pointer); ok {
		if n, ok := types.Unalias(t.Elem()).(*types.Named); ok {
			r := []rune(n.Obj().Name())
			r[0] = unicode.ToLower(r[0])
			base = string(r)
		}
	}
	scope := r.pass.Pkg.Scope().Innermost(check.Pos())
	usable := func(name string) bool {
		if name == "" || token.IsKeyword(name) || !token.IsIdentifier(name) {
			return false
		}
		if scope != nil {
			if _, obj := scope.LookupParent(name, check.Pos()); obj != nil {
				return false
			}
		}
		if block != nil {
			return !r.names.mentionedIn(block)[name] && !r.names.declaredIn(block)[name]
		}
		return !mentions(region, name)
	}
	name := "v"
	switch {
	case usable(base):
		name = base
	case usable("v"):
	default:
		// Counting on from where the block's last fix stopped keeps n
		// fixes in one block linear.
		for i := max(2, r.names.next[block]); ; i++ {
			if name = fmt.Sprintf("v%d", i); usable(name) {
				if block != nil {
					r.names.next[block] = i + 1
				}
				break
			}
		}
	}
	r.names.byCheck[check] = name
	if block != nil {
		r.names.declaredIn(block)[name] = true
	}
	return name
}

// fixNames is what freshName remembers across the fixes of a package.
type fixNames struct {
	byCheck   map[*ast.IfStmt]string
	declared  map[*ast.BlockStmt]map[string]bool
	mentioned map[*ast.BlockStmt]map[string]bool
	next      map[*ast.BlockStmt]int
}

func newFixNames() *fixNames {
	return &fixNames{
		byCheck:   make(map[*ast.IfStmt]string),
		declared:  make(map[*ast.BlockStmt]map[string]bool),
		mentioned: make(map[*ast.BlockStmt]map[string]bool),
		next:      make(map[*ast.BlockStmt]int),
	}
}

func (f *fixNames) declaredIn(block *ast.BlockStmt) map[string]bool {
	if f.declared[block] == nil {
		f.declared[block] = make(map[string]bool)
	}
	return f.declared[block]
}

// mentionedIn returns the identifiers written in block, read once per block.
func (f *fixNames) mentionedIn(block *ast.BlockStmt) map[string]bool {
	if m, ok := f.mentioned[block]; ok {
		return m
	}
	m := make(map[string]bool)
	ast.Inspect(block, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			m[id.Name] = true
		}
		return true
	})
	f.mentioned[block] = m
	return m
}

func mentions(region []ast.Node, name string) bool {
	found := false
	for _, n := range region {
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name == name {
				found = true
			}
			return !found
		})
	}
	return found
}

func (r *reporter) fileOf(pos token.Pos) *ast.File {
	for _, f := range r.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// indentAt returns the white space that starts the line holding pos.
func (r *reporter) indentAt(pos token.Pos) string {
	tf := r.pass.Fset.File(pos)
	if tf == nil {
		return "\t"
	}
	content, ok := r.contents[tf.Name()]
	if !ok {
		// Read once per file, not once per fix: a file of n fixes
		// would cost O(n × file size).
		var err error
		content, err = r.pass.ReadFile(tf.Name())
		if err != nil {
			content = nil
		}
		if r.contents == nil {
			r.contents = make(map[string][]byte)
		}
		r.contents[tf.Name()] = content
	}
	if content == nil {
		return "\t"
	}
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	end := start
	for end < len(content) && (content[end] == ' ' || content[end] == '\t') {
		end++
	}
	return strings.Clone(string(content[start:end]))
}

// inLoopWithin reports whether use sits in a loop that starts inside the if
// statement or after it: keeping one result for the whole loop would hold
// the referent strongly for as long as the loop runs, which the author of a
// weak pointer did not want. Such code should call Value in the loop.
// path is use's path (syntaxIndex.path).
func inLoopWithin(path []ast.Node, ifStmt *ast.IfStmt) bool {
	for _, n := range path {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() >= ifStmt.Pos() {
				return true
			}
		}
	}
	return false
}
