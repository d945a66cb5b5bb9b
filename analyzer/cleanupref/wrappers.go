package cleanupref

import (
	"go/ast"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// A call of a wrapper whose own cleanup function captures what the caller
// passes (r.adopt(x), where adopt registers a cleanup bound to r) keeps x
// alive when r holds x. When the wrapper is a function of this package
// whose own registration is reported (adopt itself stores x in r), the
// call repeats that report: the cause is in the wrapper, whatever its
// callers do, and the report inside it is in the same package, where the
// caller's author sees it. As go vet's printf checker reports a wrapper's
// mistakes inside the wrapper, such calls are not reported again. A
// wrapper of another package is always reported at the call: its own
// report is not shown with this package's.

// A deferredReport is a report at a wrapper's call, held until every
// registration of the package is checked.
type deferredReport struct {
	call    *ast.CallExpr
	s       *site
	i       int
	msg     string
	wrapper *types.Func // the function called
	caller  *types.Func // the declared function containing the call
}

// wrapperReport records the report msg for argument i of the wrapper call
// s, to be made by flushWrapperReports unless the wrapper's own
// registration is reported.
func (c *checker) wrapperReport(call *ast.CallExpr, s *site, i int, msg string) {
	c.deferred = append(c.deferred, deferredReport{call: call, s: s, i: i, msg: msg, wrapper: s.callee.Origin(), caller: declOf(s.fn)})
}

// flushWrapperReports makes the deferred reports whose wrapper is not
// pinned by a report of its own in this package. A wrapper of a wrapper
// (adoptLater calls adopt) whose report is dropped counts as reported in
// turn, so a chain is reported once, in its innermost function.
func (c *checker) flushWrapperReports() {
	dropped := make([]bool, len(c.deferred))
	for changed := true; changed; {
		changed = false
		for k, d := range c.deferred {
			if !dropped[k] && d.wrapper.Pkg() == c.pass.Pkg && c.pinned[d.wrapper] {
				dropped[k] = true
				if d.caller != nil && !c.pinned[d.caller] {
					c.pinned[d.caller] = true
				}
				changed = true
			}
		}
	}
	for k, d := range c.deferred {
		if !dropped[k] {
			c.report(d.call, d.s, d.i, d.msg, nil)
		}
	}
	c.deferred = nil
}

// declOf returns the declared function (or method) that contains fn, the
// generic origin for an instance; nil for the package initializer.
func declOf(fn *ssa.Function) *types.Func {
	for fn != nil && fn.Parent() != nil {
		fn = fn.Parent()
	}
	if fn == nil {
		return nil
	}
	obj, _ := fn.Object().(*types.Func)
	if obj == nil {
		return nil
	}
	return obj.Origin()
}
