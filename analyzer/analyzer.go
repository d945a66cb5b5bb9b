// Package analyzer lists weaklint's analyzers, for the command line tool, the
// vet tool and the language server alike.
//
// Table is the one list: every check, every fact-only analyzer the checks
// require, and what each promises to go vet's fast path (Gate). All, the vet
// gate's settings and the tests all read it, so an analyzer added to weaklint
// is added here, once, with its gate behaviour beside it.
package analyzer

import (
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer/cleanupref"
	"github.com/weaklint/weaklint/analyzer/ignore"
	"github.com/weaklint/weaklint/analyzer/internal/derefs"
	"github.com/weaklint/weaklint/analyzer/internal/referents"
	"github.com/weaklint/weaklint/analyzer/internal/registrars"
	"github.com/weaklint/weaklint/analyzer/lifetime"
	"github.com/weaklint/weaklint/analyzer/strongcache"
	"github.com/weaklint/weaklint/analyzer/weakderef"
	"github.com/weaklint/weaklint/internal/nilsafe"
)

// Table lists weaklint's analyzers in a stable order: the checks, in the
// order All returns them, then the fact-only analyzers they require.
var Table = withDirectives([]Entry{
	{Analyzer: weakderef.Analyzer, Gate: Gate{Safe: true}},
	{Analyzer: cleanupref.Analyzer, Gate: Gate{Safe: true}},
	// Rule 4 (an unbounded strong memo) needs no weak pointer: with
	// -strongcache.memo the check looks at every package.
	{Analyzer: strongcache.Analyzer, Gate: Gate{Safe: true, OffWhen: []string{"memo"}}},
	// Every rule starts from a registrar, weak.Make, a runtimeweak store
	// or a fact of another package's; facts only on exported functions and
	// fields, none on the standard library's internal packages. Its
	// FreshFacts (constructors returning an object nothing else keeps) are
	// inert: lifetime reads them only at a weak.Make or a registration, in a
	// package that matters for that.
	{Analyzer: lifetime.Analyzer, Gate: Gate{Safe: true, InertFacts: []analysis.Fact{new(lifetime.FreshFact)}}},
	// Functions returning possibly reclaimed referents: facts only for
	// packages that import weak or runtimeweak, select a weak source, or
	// import such facts. Its CheckFacts (check helpers, on exported
	// functions) are inert: referents reads them only where it runs, in a
	// package that imports weak or runtimeweak, selects a weak source or
	// imports its Facts.
	{Analyzer: referents.Analyzer, FactsOnly: true, Gate: Gate{Safe: true, InertFacts: []analysis.Fact{new(referents.CheckFact)}}},
	// Pointer parameters dereferenced on every path: facts for the
	// exported functions of packages that import weak or runtimeweak or
	// select a weak source, and in the other packages for what package
	// nilsafe finds from syntax alone (nil-safe methods, parameters
	// dereferenced on every path), which the gate writes itself for the
	// packages it skips (SyntaxFact). Its facts are
	// inert: only referents reads them (through derefs' Result), and only
	// where it runs.
	{Analyzer: derefs.Analyzer, FactsOnly: true, Gate: Gate{Safe: true, InertFacts: []analysis.Fact{new(derefs.Fact)}, SyntaxFact: derefs.SyntaxFact}},
	// Cleanup registrations and wrappers: facts only for packages that
	// name a registrar or import a wrapper's fact.
	{Analyzer: registrars.Analyzer, FactsOnly: true, Gate: Gate{Safe: true}},
	// strongcache's summaries (weak stores of arguments, getters of
	// referents): facts only for packages where its weak rules apply. Its
	// identity facts only ever silence a report: inert.
	{Analyzer: strongcache.Facts, FactsOnly: true, Gate: Gate{Safe: true, InertFacts: strongcache.InertFacts}},
})

// withDirectives appends to the checks the two analyzers of
// //weaklint:ignore directives (package ignore), which know the checks'
// names and require them. They report only on directives, which the vet gate
// looks for in the packages it is asked about (and go vet reports nothing
// about the others), and export no facts: they are gate-safe.
func withDirectives(checks []Entry) []Entry {
	var as []*analysis.Analyzer
	for _, e := range checks {
		if !e.FactsOnly {
			as = append(as, e.Analyzer)
		}
	}
	directive, unused := ignore.New(as)
	return append(checks,
		Entry{Analyzer: directive, Gate: Gate{Safe: true}},
		Entry{Analyzer: unused, Gate: Gate{Safe: true}})
}

// An Entry is a row of Table: an analyzer and what the commands, the server
// and go vet's fast path need to know about it (gopls' settings.Analyzer is
// the model).
type Entry struct {
	Analyzer *analysis.Analyzer
	// FactsOnly marks an analyzer that reports nothing and runs only because
	// checks require its facts or result (one under analyzer/internal/). It
	// is not in All and has no command-line switch of its own.
	FactsOnly bool
	// Gate is what the analyzer promises the vet gate.
	Gate Gate
}

// Gate is an analyzer's promise to go vet's fast path (internal/vetgate).
// The gate skips, without type-checking it, a package that
//
//   - imports neither weak nor runtimeweak,
//   - names no cleanup registrar of runtime (runtime.AddCleanup,
//     runtime.SetFinalizer),
//   - has no direct dependency that exported a fact (but inert ones,
//     see InertFacts), and
//   - has no direct dependency whose exported types mention weak or
//     runtimeweak.
//
// Such a package gets no diagnostics and exports no facts of its own. The zero Gate
// makes no promise: while the analyzer runs, go vet type-checks every
// package, which is slow (about 2.5 times the CPU on std) but complete.
type Gate struct {
	// Safe promises that in a package the gate skips, the analyzer never
	// reports a diagnostic nor exports a fact (a fact-only analyzer: exports
	// no fact), but SyntaxFact's. An analyzer with a rule that applies to any code (one that
	// flags ordinary maps, say) is not safe; neither is one that exports a
	// fact for every function, since the gate would then skip nothing.
	Safe bool
	// OffWhen lists boolean flags of the analyzer (without the "NAME."
	// prefix) that void the promise when true: opt-in rules that look at
	// every package, like strongcache's -strongcache.memo. A non-boolean
	// setting that widens what the analyzer looks at cannot be expressed:
	// such an analyzer is not Safe.
	OffWhen []string
	// InertFacts lists fact types of the analyzer (among its FactTypes)
	// that, imported from dependencies, never lead an analyzer to report or
	// export a fact in a package that the gate would skip but for them:
	// whatever reads them does so only in packages that matter for another
	// reason. The gate then skips a package whose dependencies exported
	// only inert facts, and passes those facts on as unitchecker would
	// (facts about methods: inert facts must be about functions and methods
	// only, since the gate cannot tell a package-level function, whose
	// imported facts unitchecker does not pass on, from a type).
	InertFacts []analysis.Fact
	// SyntaxFact, if not nil, makes the fact (one of InertFacts) that the
	// analyzer exports in a package the gate skips on each function or
	// method that nilsafe.Derefs lists from the package's syntax, from
	// what it lists (parameters, constants returned for nil), and on
	// nothing else there. The gate writes those facts itself for the
	// packages it skips, without type-checking them.
	SyntaxFact func(nilsafe.Summary) analysis.Fact
}

// All returns the checks of Table (every analyzer but the fact-only ones),
// in a stable order.
func All() []*analysis.Analyzer {
	var checks []*analysis.Analyzer
	for _, e := range Table {
		if !e.FactsOnly {
			checks = append(checks, e.Analyzer)
		}
	}
	return checks
}

// Lookup returns a's row of Table.
func Lookup(a *analysis.Analyzer) (Entry, bool) {
	for _, e := range Table {
		if e.Analyzer == a {
			return e, true
		}
	}
	return Entry{}, false
}
