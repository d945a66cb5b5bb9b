// Package weakderef defines an Analyzer that reports uses of a weak
// pointer's referent that may already have been reclaimed.
//
// # Analyzer weakderef
//
// weakderef: report uses of a possibly reclaimed weak referent
//
// weak.Pointer[T].Value returns nil as soon as the referent is unreachable,
// and two calls of Value may disagree because the collector can run between
// them. This analyzer reports a dereference of such a result (field access,
// *v, indexing through a pointer to an array, a method call, range over *v,
// or passing it to a function of the same package that dereferences the
// parameter) that is not dominated by a nil check of that same value. Only
// the first such use on a path is reported: past it the value was not nil
// (in the next turn of a loop too, when every path to the back edge used it).
//
// A function or method counts as a dereference of the value passed to it
// when it dereferences that parameter on every path: for the package's own
// functions from their bodies, for other packages' from the facts of
// analyzer/internal/derefs, so a nil-checking getter (protobuf's GetX) is
// not a use. A method of another package without a fact (its package was
// not analyzed) is assumed to dereference its receiver. A method invoked on
// an interface made from the value counts when the concrete method
// dereferences its receiver, also after an assertion to another interface
// (if s, ok := any(v).(Sizer); ok { s.Size() }, a type switch's case
// Sizer: a typed nil satisfies it); on a pointer to a type parameter the
// method is the unknown dynamic type's, and counts.
//
// Sources of possibly reclaimed pointers are weak.Pointer[T].Value, the
// getters of weaklint's runtimeweak package (ValueMap.Load, Cache.Load,
// Finalizer.Peek, whose bool result guards the pointer), Ref.Value (like
// weak.Pointer.Value; Ref.Get's error is not yet a known guard, so Get is
// not a source), and any function that returns such a value without
// checking it, in a result or in a field of a struct result, or returns nil
// with an error once the referent is gone (return nil, ErrGone, or an
// error it has just tested: if err != nil { return nil, err }):
// analyzer/internal/referents computes these summaries callee-first over the
// call graph and exports them as facts, so callers in other packages are
// checked too. Such a function also returns nil on a path from a check that
// found a referent gone, through no other failure (if o == nil || o.Name !=
// n { return nil, false }; return nil after a loop that skips reclaimed
// entries; the false ok of a getter), collects unchecked referents into the
// slice it returns (an element read from it is possibly reclaimed), or
// leaves a struct result's pointer field nil there with an error or bool
// field of the same struct saying so (a check of res.Err then guards
// res.Img). A call of an interface method counts when every method the
// package shows implementing it (its type converted to the interface, or
// var _ I = (*T)(nil)) returns such a value, and the interface's package
// exports that for its importers. A referent is followed through a local struct variable's
// field, a field of a struct just stored through a pointer (c.cur =
// w.Value(); c.cur.X), a field of a struct a function returns by value or
// by pointer (return &route{b: w.Value()}), the parameters of a function
// literal passed to an iterator or callback that hands it a referent
// unchecked (for _, v := range m.Entries() { v.X }), or a struct with a
// referent in a pointer field (yield(Hit{Parent: n.parent.Value()}); for
// hit := range t.Query() { hit.Parent.X }), and into closures: a
// closure that is only called takes what holds where it is called, not
// where it is made, and a deferred closure what holds at the returns that
// run it: the named results it tests (if err == nil, if ok) hold what each
// return stored. A method value with a pointer receiver (send := v.Send)
// dereferences v where it is called or passed on, not where it is made; a
// value receiver is copied, and so dereferenced, where it is made. A call
// of a field of function type (s.get()) may run any function the package stores in that field
// (s.get = func() *T { return st.Current() }, &S{get: r.lookup}); a call
// through a variable holding only one function literal runs it, and an
// iterator that calls its yield from its own range-over-func body passes
// what it yields. A field set to sync.OnceValue(f) runs f, and returns
// what f first returned, nil included.
//
// A referent boxed in an interface is not nil-checked by a check of the
// interface: a function that returns an interface made from an unchecked
// referent (func Raw(id) any { return r.jobs[id].Value() }) says so in its
// fact, and in its callers a type switch's case *T, an assertion x.(*T)
// (comma-ok or not) and an invoked method that dereferences the boxed
// pointer's receiver are uses even under if x != nil; a function that
// returns a nil interface for a gone referent (if v == nil { return nil };
// return v) is not one. A referent stored through a pointer parameter
// (func Load(id, dst **Job) bool { *dst = r.Job(id); return *dst != nil })
// makes the caller's variable whose address it passed (var j *Job;
// r.Load(id, &j)) a possibly reclaimed referent, guarded by the bool
// result that says it is non-nil, if any. A method of a type parameter's
// constraint called on a referent converted to the parameter
// (P(wp.Value()).Touch(), P interface{ *T; Touch() }) dereferences it.
//
// A struct field that some function of the package stores such a value in
// without checking it (r.focus = s.wp.Value(), Candidate{Tile:
// e.ref.Value()}) may hold nil wherever the package reads it: a read of the
// field in another function, from its receiver or parameters, a
// package-level variable or an element of a slice it is handed (r.focus,
// cands[i].Tile), is a possibly reclaimed referent, and a nil check of the
// same field path (if r.focus == nil { return }; r.focus.HP) guards it. A
// field stored only checked values or nil is not one, nor is one the
// package also stores other pointers in (a field of general use: the
// unchecked store's own uses are reported where it is made), nor one of a struct that the storing function allocates and
// then checks through the field (v := &View{doc: w.Value()}; if v.doc ==
// nil { return nil }); a function that stores to the field itself, or calls one of the
// package that does, knows what it holds and is not judged by this rule;
// nor are reads of a local copy filled elsewhere in the function or of a
// call's result (its summary says what its fields hold). A function that
// returns such a field unchecked (a getter) returns a possibly reclaimed
// referent, for its callers in this package and, through its fact, in
// others. The record itself is the package's own: another package's reads
// of an exported field are not checked by it.
//
// Likewise a channel field that some function sends such a value on
// unchecked (s.queue <- s.reg.Job(id)): a value received from it elsewhere
// (<-s.queue, in a select, by a range over it) is a possibly reclaimed
// referent. Strong pointers sent on the same channel do not take it out
// of the record: every value sent is received once, the nil as well. The
// same holds of a channel a function makes (ch := make(chan *T)) that it,
// or a closure it makes (a goroutine), sends such a value on unchecked, in
// a send statement or a select case: the values it receives from it (for t
// := range ch, <-ch, case t := <-ch) are possibly reclaimed. So are they
// when it passes the channel to a function, of this package or (by fact)
// another, that sends such values on that parameter (go func() {
// s.proj.Replay(ctx, ch) }(), where Replay does out <- ring[i].Value()),
// and when it returns the channel: its callers' receives are possibly
// reclaimed.
//
// Guards are found on the control-flow graph: if v != nil { ... },
// if v == nil { return } (or continue, break, panic, os.Exit, log.Fatal,
// t.Fatal, or a function of the package that never returns), v != nil && ...,
// v == nil || ..., switch cases, a checked ok result (also one that is the
// nil test and more: return v, v != nil && v.open, or a bool or error
// field of a struct result that says whether its pointer field is set:
// return lookup{c, ok}, snapshot{t, t != nil}, result{Err: ErrGone}, then
// if !l.Found { return }, also through a function returning that struct
// as it is), an error checked for
// nil when the function returns nil only with an error (directly, or
// errors.Is on each sentinel it returns nil with, also wrapped by
// fmt.Errorf's %w or errors.Join, errors.As on the concrete error type it
// returns, errors.Is on what that type's Unwrap returns or on a sentinel
// its own Is method matches (return target == ErrGone; any sentinel when
// that method is of another package, which is not read), errors.Is(err, A) ||
// errors.Is(err, B), or a helper returning that, of this package or,
// through its facts, of another), results returned as they are (return
// h.Resolve()) or an error passed on keeping the callee's guard, nil-ness
// carried through booleans (lnil, rnil := l == nil, r == nil;
// if lnil != rnil { return }; ok := true; if v == nil { ok = false }), and
// reassignment from a non-nil value on every path. A check after the use guards nothing, and
// neither does any(v) != nil (a nil *T in an interface is not nil) or a
// comparison of two values that may both be nil (unless one of them is
// known non-nil where they are equal: pa != nil && pa == pb).
//
// Checking one call of Value and using another,
//
//	if p.Value() != nil { p.Value().F = 1 }
//
// is a race with the collector and is reported with its own message and a
// suggested fix that calls Value once:
//
//	if v := p.Value(); v != nil { v.F = 1 }
//
// The same holds for a method value (get := p.Value), for a getter that
// wraps Value called twice with the same arguments, inside deferred
// functions, and for a re-called Value that is returned rather than used
// (if p.Value() != nil { return p.Value(), nil }).
//
// A value is also checked when every path to its use is: after
// if a == nil && b == nil { return } and if a != nil { return a.F }, b is
// non-nil (paths whose branches contradict each other are impossible; the
// search is bounded, linear in the function's size).
//
// Comparing the value with another pointer (v == strong) counts as a check
// where they are equal: the author holds the referent strongly there.
//
// Helpers count when their body proves it: a bool function that returns
// true only for a non-nil argument (valid(v), possibly v != nil && more) or
// false only for one (gone(v)), or true only when a pointer field of its
// struct argument is non-nil (func (s Scoped) Live() bool { return s.Log
// != nil }, which guards sa.Log, and so sa.Flush() promoted from it, after
// if !sa.Live() { return }); a function returning an error that is nil
// only for a non-nil argument (if err := check(v); err != nil { return err });
// assert(v != nil, msg), which panics unless its bool argument holds; and a
// function that returns normally only when its argument is non-nil
// (mustLive(t, v), which calls t.Fatal, panics or exits otherwise), after
// which v is non-nil; likewise one that returns normally only when its
// error argument is nil (noErr(t, err), must-style helpers: what err's nil
// guards then holds) or its bool argument false (refuse(v == nil, msg)). Helpers of other packages count through their facts,
// which exist for packages that use weak pointers and for helpers that test
// the argument themselves, and testify's
// require.NotNil (v is non-nil after it) and assert.NotNil (where it
// returned true) are known.
//
// A deliberate use can be silenced with //weaklint:ignore weakderef reason,
// on its line or on the line above.
package weakderef
