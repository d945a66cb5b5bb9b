package weakderef

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/referents"
	"github.com/weaklint/weaklint/analyzer/internal/suppress"
)

// reporter turns the uses found by the referents analyzer into diagnostics.
type reporter struct {
	pass     *analysis.Pass
	syntax   *syntaxIndex
	out      *suppress.Filter
	contents map[string][]byte // file contents by name, read by indentAt; nil when unreadable
	names    *fixNames         // the names the recall fixes declare
}

// report reports u, the dereference of a possibly reclaimed referent that
// no nil check dominates.
func (r *reporter) report(u referents.Use) {
	call := r.syntax.call(u.Call.Pos())
	if call == nil {
		return // no syntax: a call the compiler made up
	}
	pos := r.syntax.usePos(u.Instr, call)
	text := types.ExprString(call)

	if u.Recall != nil {
		msg := fmt.Sprintf("%s is called again after a nil check of an earlier call: "+
			"the referent may be reclaimed in between; call Value once and use the checked result", text)
		if u.Wrapper {
			msg = fmt.Sprintf("%s is called again after a nil check of an earlier call: "+
				"it returns a weak referent, which may be reclaimed in between; call it once and use the checked result", text)
		}
		if !referents.ComparedWithNil(u.Recall) {
			// The earlier result was only dereferenced (which is a use
			// of its own): there is no check to keep.
			msg = fmt.Sprintf("%s is called again after an earlier call's result was dereferenced: "+
				"the referent may be reclaimed in between, so this call may return nil; call it once, check the result for nil and use that", text)
		}
		if u.Returned {
			msg += " (returned here, it hands the caller a nil the check promised it would not get)"
		}
		d := analysis.Diagnostic{
			Pos:      pos,
			Category: "weakderef",
			Message:  msg,
		}
		if earlier := r.syntax.call(u.Recall.Pos()); earlier != nil {
			d.SuggestedFixes = r.recallFix(earlier, call)
		}
		r.out.Report(d)
		return
	}

	if u.Stored != nil {
		r.reportStored(u, call)
		return
	}
	if u.Sent != nil {
		r.reportSent(u, call)
		return
	}

	why := "returns nil once the referent is garbage collected"
	switch {
	case u.Field != "" && u.Elem:
		text = "field " + u.Field + " of an element of " + text
		why = "may be nil (the function stores weak referents there unchecked)"
	case u.Field != "" && u.Yielded:
		text = "field " + u.Field + " of what " + text + " yields"
		why = "may be nil (it passes a weak referent there unchecked)"
	case u.Field != "":
		text += "." + u.Field
		why = "may be nil (the function stores a weak referent there unchecked)"
	case u.Elem:
		text = "an element of " + text
		why = "may be nil (the function stores weak referents there unchecked)"
	case u.Out:
		why = "may store nil through its pointer argument (it stores a weak referent there unchecked)"
	case u.Boxed:
		why = "may return nil inside a non-nil interface (it boxes a weak referent unchecked, so a nil check of the interface does not check it)"
	case u.Yielded:
		why = "may pass nil to the function it calls (it passes a weak referent unchecked)"
	case u.Wrapper:
		why = "may return nil (it returns a weak referent unchecked)"
	}
	r.out.Report(analysis.Diagnostic{
		Pos:      pos,
		Category: "weakderef",
		Message:  fmt.Sprintf("possible nil dereference: %s %s; check the result for nil before use", text, why),
	})
}

// reportStored reports u, a use of a referent read from a struct field
// that another function stores call's result in unchecked.
func (r *reporter) reportStored(u referents.Use, call *ast.CallExpr) {
	pos := r.syntax.usePos(u.Instr, nil)
	if !pos.IsValid() {
		pos = u.Value.Pos() // the field's read
	}
	at := r.pass.Fset.Position(u.Stored.Store.Pos())
	if !at.IsValid() {
		at = r.pass.Fset.Position(call.Pos())
	}
	field := u.Stored.Field.Name()
	if u.Stored.Owner != "" {
		field = u.Stored.Owner + "." + field
	}
	what, why := types.ExprString(call), "it returns nil once the referent is garbage collected"
	switch {
	case u.Stored.Yielded:
		what, why = "what "+what+" yields", "it may yield nil (it passes a weak referent unchecked)"
	case u.Stored.Wrapper:
		why = "it may return nil (it returns a weak referent unchecked)"
	}
	msg := fmt.Sprintf("possible nil dereference: field %s may be nil: %s stores %s there without a nil check (%s:%d), and %s; check the field for nil before use",
		field, storerName(u.Stored.Store.Parent()), what, filepath.Base(at.Filename), at.Line, why)
	if u.Stored.Elem {
		msg = fmt.Sprintf("possible nil dereference: a value received from channel field %s may be nil: %s sends %s on it without a nil check (%s:%d), and %s; check the value for nil before use",
			field, storerName(u.Stored.Store.Parent()), what, filepath.Base(at.Filename), at.Line, why)
	}
	r.out.Report(analysis.Diagnostic{
		Pos:      pos,
		Category: "weakderef",
		Message:  msg,
	})
}

// storerName names the function that makes a store: the declared function
// or method, for a closure the one it is declared in.
func storerName(fn *ssa.Function) string {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if recv := fn.Signature.Recv(); recv != nil {
		t := recv.Type()
		star := ""
		if p, ok := t.(*types.Pointer); ok {
			t, star = p.Elem(), "*"
		}
		if n, ok := t.(*types.Named); ok {
			return fmt.Sprintf("(%s%s).%s", star, n.Obj().Name(), fn.Name())
		}
	}
	return fn.Name()
}

// syntaxIndex finds the syntax of calls by the position of their '(' (the
// Pos of an ssa.Call), built on first use: most packages never report.
type syntaxIndex struct {
	pass    *analysis.Pass
	calls   map[token.Pos]*ast.CallExpr
	parents map[ast.Node]ast.Node // built on first use by path
}

// path returns n and the nodes that enclose it, innermost first, up to its
// file, as astutil.PathEnclosingInterval does for n's extent. That function
// sorts every node's children on the way down, O(file size) per call: once
// per diagnostic it made a function of 8000 diagnostics take 12 s. The
// parents are recorded once, so that a path costs its depth.
func (s *syntaxIndex) path(n ast.Node) []ast.Node {
	if s.parents == nil {
		s.parents = make(map[ast.Node]ast.Node)
		for _, f := range s.pass.Files {
			var stack []ast.Node
			ast.Inspect(f, func(n ast.Node) bool {
				if n == nil {
					stack = stack[:len(stack)-1]
					return true
				}
				if len(stack) > 0 {
					s.parents[n] = stack[len(stack)-1]
				}
				stack = append(stack, n)
				return true
			})
		}
	}
	var path []ast.Node
	for ; n != nil; n = s.parents[n] {
		path = append(path, n)
	}
	return path
}

func newSyntaxIndex(pass *analysis.Pass) *syntaxIndex { return &syntaxIndex{pass: pass} }

func (s *syntaxIndex) call(lparen token.Pos) *ast.CallExpr {
	if s.calls == nil {
		s.calls = make(map[token.Pos]*ast.CallExpr)
		for _, f := range s.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					s.calls[c.Lparen] = c
				}
				return true
			})
		}
	}
	return s.calls[lparen]
}

// usePos returns where to report the dereference instr of the value
// produced by call: the selected field or method, the star of *v, or else
// the call itself.
func (s *syntaxIndex) usePos(instr ssa.Instruction, call *ast.CallExpr) token.Pos {
	if ci, ok := instr.(ssa.CallInstruction); ok {
		if use := s.call(ci.Common().Pos()); use != nil {
			if sel, ok := ast.Unparen(use.Fun).(*ast.SelectorExpr); ok {
				return sel.Sel.Pos()
			}
			return use.Pos()
		}
	}
	if pos := instr.Pos(); pos.IsValid() {
		return pos
	}
	// An implicit *v, copying the receiver of a value method: report at
	// the method's name, or at the method value v.M that binds the copy.
	if load, ok := instr.(*ssa.UnOp); ok {
		for _, ref := range *load.Referrers() {
			switch ref := ref.(type) {
			case ssa.CallInstruction:
				if args := ref.Common().Args; len(args) > 0 && args[0] == ssa.Value(load) {
					return s.usePos(ref, call)
				}
			case *ssa.MakeClosure:
				if ref.Pos().IsValid() {
					return ref.Pos()
				}
			}
		}
	}
	if call == nil {
		return token.NoPos
	}
	return call.Pos()
}
