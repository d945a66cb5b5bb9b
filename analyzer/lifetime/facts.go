package lifetime

import (
	"fmt"
	"go/types"

	"github.com/weaklint/weaklint/analyzer/internal/factscope"
)

// A referentFact marks a wrapper: a function that passes one of its
// parameters on as the referent of weak.Make, a cleanup, a finalizer or a
// runtimeweak store (the Referents of weakapi). Callers are checked as if
// they called the API itself. Argument indexes count a method's receiver
// as argument 0.
type referentFact struct {
	API   string // the API it ends in, e.g. "weak.Make"
	Param int    // the argument that becomes the referent
	Weak  bool   // the API holds it weakly (rather than attaching a cleanup)
	Drops bool   // the wrapper keeps nothing of the argument: a fresh object passed in dies at once (rule 4)
	Typed bool   // the wrapper's parameter type alone decided rules 1 and 2, reported in the wrapper
}

// forCallers reports whether the fact can change what is reported at a
// call of the wrapper: rules 1 and 2 when the caller's argument type decides
// them, rule 3 for a cleanup or a weak pointer the caller gets, rule 4 when
// the wrapper keeps nothing. A typed wrapper that keeps a weak pointer for
// itself (keepsWeakly) gives its callers nothing to check.
func (f *referentFact) forCallers() bool {
	return !f.Typed || !f.Weak || f.Drops
}

func (*referentFact) AFact() {}
func (f *referentFact) String() string {
	s := fmt.Sprintf("referent(%s arg=%d", f.API, f.Param)
	if f.Drops && f.Weak {
		s += " drops"
	}
	if f.Typed {
		s += " typed"
	}
	return s + ")"
}

// A resourceFact marks a struct field whose value a cleanup or finalizer of
// the same object releases (a file descriptor, a handle, an address).
type resourceFact struct{}

func (*resourceFact) AFact()         {}
func (*resourceFact) String() string { return "resource" }

// An accessorFact marks a method that returns a resource field of its
// receiver (f.Fd()).
type accessorFact struct{ Field string }

func (*accessorFact) AFact()           {}
func (f *accessorFact) String() string { return "accessor(" + f.Field + ")" }

// A selfCleanupFact marks a field that holds the runtime.Cleanup (or
// *runtimeweak.Finalizer) registered on the object that holds the field.
type selfCleanupFact struct{}

func (*selfCleanupFact) AFact()         {}
func (*selfCleanupFact) String() string { return "self-cleanup" }

// A FreshFact marks an exported function or method whose pointer result
// is a new object that nothing else keeps (learnFresh): weak.Make of its
// result in an importer is dead on arrival (rule 4). It is exported only by
// the packages whose functions are all built (derefs.BuildsAll: they import
// weak or runtimeweak, or select a weak source), which the vet gate never
// skips, so it is the same with the gate and without. It is inert
// (analyzer.Table): read only by rules that start from a weak.Make or a
// registration, never by relevant, so a package importing only such facts
// is skipped as before; else every importer of crypto/tls (tls.Client is
// fresh) would be type-checked.
type FreshFact struct{}

func (*FreshFact) AFact()         {}
func (*FreshFact) String() string { return "fresh" }

// isFresh reports whether fn returns a new object nothing else keeps: a
// function of this package (learnFresh) or an imported one with a
// FreshFact.
func (l *lifetime) isFresh(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	fn = fn.Origin()
	if fn.Pkg() == l.pass.Pkg {
		return l.fresh[fn]
	}
	return fn.Pkg() != nil && l.pass.ImportObjectFact(fn, new(FreshFact))
}

// wrapper returns the referentFact of fn, a function of this package or
// another, or nil.
func (l *lifetime) wrapper(fn *types.Func) *referentFact {
	if fn.Pkg() == l.pass.Pkg {
		return l.wrappers[fn]
	}
	f := new(referentFact)
	if fn.Pkg() != nil && l.pass.ImportObjectFact(fn, f) {
		return f
	}
	return nil
}

// isResource reports whether field holds a resource its object's cleanup releases.
func (l *lifetime) isResource(field *types.Var) bool {
	field = field.Origin()
	if l.resources[field] || field.Pkg() == l.pass.Pkg {
		// Also a field of an imported type whose release this package
		// registers itself.
		return l.resources[field]
	}
	return field.Pkg() != nil && l.pass.ImportObjectFact(field, new(resourceFact))
}

// isSelfCleanup reports whether field holds its own object's cleanup.
func (l *lifetime) isSelfCleanup(field *types.Var) bool {
	field = field.Origin()
	if l.selfClean[field] || field.Pkg() == l.pass.Pkg {
		return l.selfClean[field]
	}
	return field.Pkg() != nil && l.pass.ImportObjectFact(field, new(selfCleanupFact))
}

// accessor reports whether method fn returns a resource field of its receiver.
func (l *lifetime) accessor(fn *types.Func) bool {
	if fn.Pkg() == l.pass.Pkg {
		return l.accessors[fn] != nil
	}
	return fn.Pkg() != nil && l.pass.ImportObjectFact(fn, new(accessorFact))
}

// exportFacts exports what the package's exported functions and fields do,
// for the packages that import it. Another package can only name an
// exported object: a fact on an unexported one could never be imported, yet
// go vet would still write it out, and unitchecker re-exports the facts of
// fields and methods through every importer's facts file. The vet gate
// type-checks any package whose direct dependency has facts, so an unusable
// fact on a field of os (os.root.fd, os.Process.cleanup) would make it
// type-check nearly every package. The standard library's internal
// packages export none (factscope). Nor does a package export facts about
// another package's objects (a cleanup on a field of an imported type): the
// framework refuses them, and that package's importers would not look here.
func (l *lifetime) exportFacts() {
	if factscope.StdPrivate(l.pass) {
		return
	}
	for fn, f := range l.wrappers {
		if l.exportable(fn) && f.forCallers() {
			l.pass.ExportObjectFact(fn, f)
		}
	}
	for field := range l.resources {
		if l.exportable(field) {
			l.pass.ExportObjectFact(field, new(resourceFact))
		}
	}
	for fn, field := range l.accessors {
		if l.exportable(fn) {
			l.pass.ExportObjectFact(fn, &accessorFact{Field: field.Name()})
		}
	}
	for field := range l.selfClean {
		if l.exportable(field) {
			l.pass.ExportObjectFact(field, new(selfCleanupFact))
		}
	}
	// Freshness only where learnFresh saw every function (l.ssa is nil
	// when funcs lists them all): a selection (GetFor) would miss the
	// constructors that reach no weak code, and the facts would depend on
	// it.
	if l.ssa == nil {
		for fn := range l.fresh {
			if l.exportable(fn) {
				l.pass.ExportObjectFact(fn, new(FreshFact))
			}
		}
	}
}

// exportable reports whether obj may carry a fact for importers: exported,
// and declared in the package being analyzed.
func (l *lifetime) exportable(obj types.Object) bool {
	return obj.Exported() && obj.Pkg() == l.pass.Pkg
}
