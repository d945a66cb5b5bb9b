package weakderef

import (
	"fmt"
	"go/ast"
	"go/types"
	"path/filepath"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/referents"
)

// reportSent reports u, a use of a value received from a channel that a
// send (maybe in another function, or a goroutine) puts call's result on
// unchecked: the message names the send, since the use's own line shows
// only the receive.
func (r *reporter) reportSent(u referents.Use, call *ast.CallExpr) {
	pos := r.syntax.usePos(u.Instr, nil)
	if !pos.IsValid() {
		pos = u.Value.Pos() // the receive
	}
	at := r.pass.Fset.Position(u.Sent.Pos)
	if !at.IsValid() {
		at = r.pass.Fset.Position(call.Pos())
	}
	if u.Sent.Passed {
		// The channel is passed to a call that sends on it (go
		// s.proj.Replay(ctx, ch)): the call stands for the send.
		r.out.Report(analysis.Diagnostic{
			Pos:      pos,
			Category: "weakderef",
			Message: fmt.Sprintf("possible nil dereference: a value received from a channel may be nil: %s sends weak referents on it without a nil check (%s:%d); check the value for nil before use",
				types.ExprString(call), filepath.Base(at.Filename), at.Line),
		})
		return
	}
	what, why := types.ExprString(call), "it returns nil once the referent is garbage collected"
	switch {
	case u.Yielded:
		what, why = "what "+what+" yields", "it may yield nil (it passes a weak referent unchecked)"
	case u.Wrapper:
		why = "it may return nil (it returns a weak referent unchecked)"
	}
	r.out.Report(analysis.Diagnostic{
		Pos:      pos,
		Category: "weakderef",
		Message: fmt.Sprintf("possible nil dereference: a value received from a channel may be nil: %s sends %s on it without a nil check (%s:%d), and %s; check the value for nil before use",
			storerName(u.Sent.Sender), what, filepath.Base(at.Filename), at.Line, why),
	})
}
