package referents

import (
	"slices"

	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Calls of interface methods. A call r.Resolve(k) on an interface may run
// the method of any type converted to it; the package shows some of them
// (lazyssa.Implementations: the types it converts to the interface, and
// var _ I = (*T)(nil)). When every one of those methods may return a
// reclaimed referent, so may the call, with the guards they all share:
//
//	type Resolver interface{ Resolve(k string) (*Image, bool) }
//	func (r cacheResolver) Resolve(k string) (*Image, bool) { return r.c.Get(k) } // maybeNil(0 ok=1)
//	img, _ := r.Resolve(k); img.Meta // a use
//
// If one of them does not (a strong implementation, a fake in a test), the
// call is not described: which one runs is not known. The package that
// declares the interface exports what it found as the interface method's
// Fact, for the calls of its importers that convert nothing to it.

// invokeSummary returns what is known of the interface method call common.
func (c *checker) invokeSummary(common *ssa.CallCommon) *Fact {
	if c.prog == nil {
		return nil
	}
	if sum := c.implementedSummary(common.Value.Type(), common.Method); sum != nil {
		return sum
	}
	if common.Method.Pkg() != c.pass.Pkg && len(c.prog.Implementers(common)) == 0 {
		return c.imports[common.Method]
	}
	return nil
}

// implementedSummary returns the meet of the summaries of the methods that
// implement method of iface on the types the package shows, or nil if one
// of them has none (or the package shows none).
func (c *checker) implementedSummary(iface types.Type, method *types.Func) *Fact {
	var sum *Fact
	for i, m := range c.prog.MethodImplementers(iface, method) {
		f := c.methodFact(m)
		if f == nil {
			return nil
		}
		if i == 0 {
			sum = f
		} else if sum = meetFacts(sum, f); sum == nil {
			return nil
		}
	}
	return sum
}

// methodFact returns the summary of the concrete method m, of this package
// or of another.
func (c *checker) methodFact(m *types.Func) *Fact {
	m = m.Origin()
	if m.Pkg() != c.pass.Pkg {
		return c.imports[m]
	}
	if fn := c.prog.Pkg.Prog.FuncValue(m); fn != nil {
		return c.summaries[fn]
	}
	return nil
}

// meetFacts returns what holds of a call that runs either function: the
// results both describe (each guard only if both have it) and the
// callbacks both make; nil if none.
func meetFacts(a, b *Fact) *Fact {
	out := &Fact{}
	for _, r := range a.Results {
		if s, ok := b.Field(r.Index, r.Field); ok {
			out.Results = append(out.Results, r.meet(s))
		}
	}
	for _, cb := range a.Callbacks {
		for _, cb2 := range b.Callbacks {
			if cb == cb2 {
				out.Callbacks = append(out.Callbacks, cb)
			}
		}
	}
	for _, p := range a.SendsOn {
		if slices.Contains(b.SendsOn, p) {
			out.SendsOn = append(out.SendsOn, p)
		}
	}
	if out.Results == nil && out.Callbacks == nil && out.SendsOn == nil {
		return nil
	}
	return out
}

// exportInterfaceFacts exports, for the methods of the interfaces declared
// in the package, what the calls of them are known to return.
func (c *checker) exportInterfaceFacts() {
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		it, ok := tn.Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		for i := 0; i < it.NumExplicitMethods(); i++ {
			m := it.ExplicitMethod(i)
			if sum := c.implementedSummary(tn.Type(), m); sum != nil {
				c.pass.ExportObjectFact(m, sum)
			}
		}
	}
}
