package referents

import (
	"github.com/weaklint/weaklint/internal/ssa"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// cmp.Or of pointers returns its first non-nil argument, and nil when all
// of them are nil:
//
//	t := cmp.Or(s.cached(k), s.cached(parent)) // nil when both were collected
//	t.Data
//
// Its result may be a reclaimed referent when every argument may be one
// (or is nil); one argument surely non-nil (a placeholder, a new value, a
// parameter the function does not know to be a referent, a referent
// checked before) makes the result non-nil.

// cmpOrOrigin returns an origin for call if it is cmp.Or of pointers whose
// arguments, each judged by the branches that lead to the call, may all be
// nil, and at least one of them a reclaimed referent; else nil.
func (w *walker) cmpOrOrigin(call *ssa.Call) *origin {
	if !isPointer(call.Type()) || !isCmpOr(call.Common()) {
		return nil
	}
	if len(call.Call.Args) != 1 {
		return nil
	}
	args := variadicArgs(call.Call.Args[0]) // (errkeys.go)
	if args == nil {
		return nil // cmp.Or(xs...)
	}
	referent := false
	for _, a := range args {
		if a == nil {
			return nil // an argument not found
		}
		a = w.c.canon(a)
		if isNilConst(a) {
			continue
		}
		if !w.uncheckedAt(a, call.Block()) {
			return nil // not a referent, or one known non-nil here
		}
		referent = true
	}
	if !referent {
		return nil
	}
	return &origin{call: call, wrapper: true}
}

// isCmpOr reports whether common calls cmp.Or.
func isCmpOr(common *ssa.CallCommon) bool {
	fn := weakapi.SSACallee(common)
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "cmp" && fn.Name() == "Or"
}
