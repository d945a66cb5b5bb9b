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
// the first such use on a path is reported: past it the value was not nil.
//
// A method called on the value counts as a dereference when its body is not
// in the package (a nil receiver is rarely what the caller of Value meant);
// a method or function of the same package counts only if it dereferences
// the value on every path, so nil-safe methods stay quiet. Passing the value
// to a function of another package is not reported.
//
// Sources of possibly reclaimed pointers are weak.Pointer[T].Value, the
// getters of weaklint's runtimeweak package (ValueMap.Load, Cache.Load,
// Finalizer.Peek, whose bool result guards the pointer), and any function
// that returns such a value without checking it: that property is exported
// as a fact, so callers in other packages are checked too.
//
// Guards are found on the control-flow graph: if v != nil { ... },
// if v == nil { return } (or continue, break, panic), v != nil && ...,
// v == nil || ..., switch cases, a checked ok result, and reassignment from a
// non-nil value on every path. A check after the use guards nothing.
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
// Comparing the value with another pointer (v == strong) counts as a check
// where they are equal: the author holds the referent strongly there.
//
// A nil check through a helper function returning bool (valid(v)) guards
// the value when the helper is declared in the same package and returns
// v != nil (possibly within a && chain) on every path that returns true.
package weakderef
