package cleanupref

import (
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/analyzer/internal/suppress"
	"github.com/weaklint/weaklint/internal/weakapi"
)

// checker reports the registrar calls whose cleanup keeps the object alive.
type checker struct {
	pass  *analysis.Pass
	out   *suppress.Filter
	q     *reach.Query
	calls map[token.Pos]*ast.CallExpr // by Lparen, to report on source expressions
	// pinned holds the functions of the package with a reported cleanup
	// function; deferred holds the reports at calls of wrappers whose own
	// cleanup captures what the caller passed (see wrapperReport).
	pinned   map[*types.Func]bool
	deferred []deferredReport
}

func newChecker(pass *analysis.Pass, q *reach.Query) *checker {
	c := &checker{pass: pass, out: suppress.New(pass), q: q, calls: make(map[token.Pos]*ast.CallExpr), pinned: make(map[*types.Func]bool)}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				c.calls[call.Lparen] = call
			}
			return true
		})
	}
	return c
}

// check reports site s if its cleanup function or argument reaches its
// object.
func (c *checker) check(s *site) {
	if s.reg.Obj >= len(s.args) {
		return
	}
	call := c.calls[s.call.Common().Pos()]
	obj := c.q.Object(s.args[s.reg.Obj])
	objText := c.argText(call, s, s.reg.Obj, "the object")
	what := "cleanup"
	if s.reg.Kind == weakapi.Finalizer {
		what = "finalizer"
	}

	if i := s.reg.Panics; i >= 0 && i < len(s.args) && isPointer(s.args[i].Type()) && obj.Same(s.args[i]) {
		c.report(call, s, i, fmt.Sprintf("%s argument %s is the object itself, so %s panics at run time: pass what the cleanup needs, copied out of %s",
			what, c.argText(call, s, i, objText), s.reg.Registrar, objText), nil)
		return
	}
	if c.heldByPackageVariable(call, s, obj, objText, what) {
		return
	}
	for _, i := range s.reg.Fn {
		if i >= len(s.args) {
			continue
		}
		path := obj.Reach(s.args[i])
		if path == nil {
			continue
		}
		fix := c.fieldFix(call, s, i, obj)
		// A closure inside a packed variadic argument or another holder
		// is named as the closure.
		for path.Rel == reach.Holder && path.Next != nil && (path.Next.Rel == reach.Closure || path.Next.Rel == reach.BoundMethod) {
			path = path.Next
		}
		var head, name string
		switch path.Rel {
		case reach.Closure:
			name = path.Name
			head = fmt.Sprintf("%s function captures %s", what, name)
			path = path.Next
		case reach.BoundMethod:
			name = c.receiverText(call, s, i)
			if name == "" {
				name = "a value"
				if path.Next.Rel == reach.Alias || path.Next.Rel == reach.Variable {
					name = objText
				}
			}
			head = fmt.Sprintf("%s function is a method value bound to %s", what, name)
			path = path.Next
		default:
			name = c.argText(call, s, i, "value")
			head = fmt.Sprintf("%s function %s", what, name)
			if wrapper := c.capturingWrapper(call, s, i); wrapper != "" {
				// A wrapper's own cleanup captures this argument (often
				// its receiver): the caller passed no function at all.
				head = fmt.Sprintf("%s function registered by %s captures %s", what, wrapper, name)
				rel := relation(path, name, objText)
				advice := fmt.Sprintf("keep a weak pointer or a copy in %s instead of %s, or make %s's %s take what it needs as its argument", name, objText, wrapper, what)
				if rel == "" {
					advice = fmt.Sprintf("make %s's %s take what it needs as its argument", wrapper, what)
				}
				msg := fmt.Sprintf("%s%s, so %s is never collected and the %s never runs: %s", head, rel, objText, what, advice)
				c.wrapperReport(call, s, i, msg)
				continue
			}
		}
		advice := "use the finalizer's parameter instead"
		if place := heldIn(path); place != "" && fix == nil {
			// The holder keeps the object for good: no argument
			// changes that, but what the holder keeps does.
			advice = fmt.Sprintf("nothing outside the %[1]ss takes %[2]s out of %[3]s: keep only a weak pointer to %[2]s there, or take it out when done with it", what, objText, place)
		} else if s.reg.Kind == weakapi.Cleanup {
			advice = "pass what it needs as the cleanup argument instead"
			switch {
			case fix != nil:
				advice = fmt.Sprintf("pass what it needs (%s) as the cleanup argument", fix.field)
			case c.needsObject(call, s, i, head, name, objText, path):
				advice = fmt.Sprintf("a cleanup can never use %[1]s itself, so it cannot be written this way: close %[1]s explicitly when done with it, or attach the cleanup to an object that owns %[1]s and pass %[1]s as the argument", objText)
			}
		}
		msg := fmt.Sprintf("%s%s, so %s is never collected and the %s never runs: %s",
			head, relation(path, name, objText), objText, what, advice)
		c.report(call, s, i, msg, fix.suggested())
		c.pinned[declOf(s.fn)] = true
	}
	for _, i := range s.reg.Arg {
		if i >= len(s.args) {
			continue
		}
		if path := obj.Reach(s.args[i]); path != nil {
			arg := c.argText(call, s, i, "value")
			if msg := c.interiorPanic(s, i, path, arg, objText, obj); msg != "" {
				c.report(call, s, i, msg, nil)
				continue
			}
			rel := relation(path, arg, objText)
			advice := fmt.Sprintf("pass a value copied out of %s that does not point back to it", objText)
			switch {
			case path.Rel == reach.BoundMethod && c.receiverText(call, s, i) != "":
				// f.conn.Close: say what the method is bound to.
				recv := c.receiverText(call, s, i)
				rel = ", a method value bound to " + recv + relation(path.Next, recv, objText)
			case path.Rel == reach.Closure && path.Name != "":
				rel = ", a closure capturing " + path.Name + relation(path.Next, path.Name, objText)
				if lit, ok := ast.Unparen(c.argExpr(call, s, i)).(*ast.FuncLit); ok && path.Next.Rel == reach.Alias && c.usesObjectItself(lit, path.Name) {
					advice = fmt.Sprintf("a cleanup can never use %[1]s itself, so it cannot be written this way: close %[1]s explicitly when done with it, or attach the cleanup to an object that owns %[1]s", objText)
				}
			case rel == "":
				rel = " is the object itself"
			}
			msg := fmt.Sprintf("%s argument %s%s, so %s is never collected and the %s never runs: %s",
				what, arg, rel, objText, what, advice)
			c.report(call, s, i, msg, nil)
		}
	}
}

// relation says how the value called name relates to the object, or
// nothing when name is the object's own name.
func relation(p *reach.Path, name, objText string) string {
	switch p.Rel {
	case reach.Alias, reach.Variable:
		if name == objText {
			return ""
		}
		return ", which refers to " + objText
	case reach.Interior:
		return ", which points into " + objText
	case reach.BackPointer:
		return ", which can point back to " + objText
	case reach.Holder:
		if p.Next != nil && p.Next.Rel == reach.Closure && p.Next.Name != "" {
			return ", which holds a closure capturing " + p.Next.Name + relation(p.Next.Next, p.Next.Name, objText)
		}
		return ", which holds " + objText
	default:
		return ", which refers to " + objText
	}
}

// argExpr returns the source expression of argument i of the call, if the
// call is in the package's source and the argument is written there.
func (c *checker) argExpr(call *ast.CallExpr, s *site, i int) ast.Expr {
	if call == nil {
		return nil
	}
	// The SSA arguments of a method call start with the receiver, written
	// before the dot (x.M(...)) or bound in a method value (m := x.M).
	j := i
	sig := s.callee.Signature()
	if sig.Recv() != nil {
		sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if sel == nil || c.pass.TypesInfo.Selections[sel] == nil || c.pass.TypesInfo.Selections[sel].Kind() != types.MethodExpr {
			j--
		}
		if j == -1 {
			if sel != nil && c.pass.TypesInfo.Selections[sel] != nil {
				return sel.X
			}
			return nil
		}
	}
	if sig.Variadic() && !call.Ellipsis.IsValid() && j >= sig.Params().Len()-1 {
		return nil // packed into a slice that the source does not write
	}
	if j < 0 || j >= len(call.Args) {
		return nil
	}
	return call.Args[j]
}

func (c *checker) argText(call *ast.CallExpr, s *site, i int, def string) string {
	if e := c.argExpr(call, s, i); e != nil {
		return c.text(e)
	}
	return def
}

// text returns the source of a short expression, or a shortened form.
func (c *checker) text(e ast.Expr) string {
	var b strings.Builder
	if err := printer.Fprint(&b, c.pass.Fset, e); err == nil && b.Len() <= 40 && !strings.Contains(b.String(), "\n") {
		return b.String()
	}
	return types.ExprString(e)
}

// isPointer reports whether t is a pointer or unsafe.Pointer: the argument
// kinds that runtime.AddCleanup compares with the object, and panics if equal.
func isPointer(t types.Type) bool {
	switch t := t.Underlying().(type) {
	case *types.Pointer:
		return true
	case *types.Basic:
		return t.Kind() == types.UnsafePointer
	}
	return false
}

// receiverText names the receiver of a method value passed as argument i,
// or returns "" if the source does not show it.
func (c *checker) receiverText(call *ast.CallExpr, s *site, i int) string {
	if sel, ok := ast.Unparen(c.argExpr(call, s, i)).(*ast.SelectorExpr); ok {
		return c.text(sel.X)
	}
	return ""
}

func (c *checker) report(call *ast.CallExpr, s *site, i int, msg string, fixes []analysis.SuggestedFix) {
	pos, end := s.call.Pos(), token.NoPos
	if e := c.argExpr(call, s, i); e != nil {
		pos, end = e.Pos(), e.End()
	} else if call != nil {
		pos, end = call.Pos(), call.End()
	}
	c.out.Report(analysis.Diagnostic{
		Pos:            pos,
		End:            end,
		Category:       "cleanupref",
		Message:        msg,
		SuggestedFixes: fixes,
	})
}

// interiorPanic returns the message for a cleanup argument that points
// into the object, if runtime.AddCleanup refuses it: since Go 1.26 it
// panics when arg points into ptr's object, and a field at offset 0 is the
// object's own address (arg == ptr). A slice of the object's array is not a
// pointer to the runtime's check: it only keeps the object alive.
func (c *checker) interiorPanic(s *site, i int, path *reach.Path, arg, objText string, obj *reach.Object) string {
	if path.Rel != reach.Interior || i != s.reg.Panics || s.reg.Registrar != "runtime.AddCleanup" || !isPointer(s.args[i].Type()) {
		return ""
	}
	if c.atObjectStart(s.args[i], obj.Same) {
		return fmt.Sprintf("cleanup argument %s is at offset 0 of %s, the same address as %s itself, so runtime.AddCleanup panics at run time: pass what the cleanup needs, copied out of %s",
			arg, objText, objText, objText)
	}
	return fmt.Sprintf("cleanup argument %s points into %s, so runtime.AddCleanup panics at run time (the argument would keep %s alive): pass what the cleanup needs, copied out of %s",
		arg, objText, objText, objText)
}

// needsObject reports whether the cleanup function (argument i) needs the
// object itself rather than something copied out of it: a method value
// bound directly to the object, or a closure capturing the object's
// variable that calls a method on it or passes it on.
func (c *checker) needsObject(call *ast.CallExpr, s *site, i int, head, name, objText string, rest *reach.Path) bool {
	if rest == nil || rest.Rel != reach.Alias {
		return false // the closure holds something that holds the object
	}
	switch e := ast.Unparen(c.argExpr(call, s, i)).(type) {
	case *ast.SelectorExpr: // f.Close
		return name == objText
	case *ast.FuncLit:
		return c.usesObjectItself(e, name)
	}
	return false
}

// capturingWrapper returns the text of the called wrapper (s.watch) when
// argument i is not a function but a value the wrapper's own cleanup
// function captures, and "" otherwise.
func (c *checker) capturingWrapper(call *ast.CallExpr, s *site, i int) string {
	if call == nil {
		return ""
	}
	if _, isFunc := s.args[i].Type().Underlying().(*types.Signature); isFunc {
		return ""
	}
	return c.text(call.Fun)
}
