package vetgate

import (
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer"
)

// gateOf returns what an analyzer promises the gate, and false for an
// analyzer that weaklint does not know.
type gateOf func(*analysis.Analyzer) (analyzer.Gate, bool)

// tableGate reads the promises from analyzer.Table.
func tableGate(a *analysis.Analyzer) (analyzer.Gate, bool) {
	e, ok := analyzer.Lookup(a)
	return e.Gate, ok
}

// GateFlags returns the command-line flags under which the gate can skip
// packages while the given analyzers run (from analyzer.Table): -NAME.FLAG=false
// for each flag that would void an analyzer's promise, and -NAME=false for
// the analyzers that make none.
func GateFlags(analyzers []*analysis.Analyzer) []string {
	var flags []string
	for _, a := range analyzers {
		g, _ := tableGate(a)
		var own []string
		for _, name := range g.OffWhen {
			own = append(own, "-"+a.Name+"."+name+"=false")
		}
		if unsafeAnalyzer(tableGate, []*analysis.Analyzer{a}, own) != "" {
			flags = append(flags, "-"+a.Name+"=false")
			continue
		}
		flags = append(flags, own...)
	}
	return flags
}

// unsafeAnalyzer returns the name of the first analyzer among roots and
// their requirements that may report or export facts in a package the gate
// would skip, given the command-line flags, or "" if the gate may be used.
func unsafeAnalyzer(gate gateOf, roots []*analysis.Analyzer, flags []string) string {
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer, root bool) string
	visit = func(a *analysis.Analyzer, root bool) string {
		if seen[a] {
			return ""
		}
		seen[a] = true
		// A required analyzer's diagnostics are never printed; only its
		// facts (which downstream packages would miss) matter.
		if root || len(a.FactTypes) > 0 {
			g, ok := gate(a)
			if !ok || !g.Safe {
				return a.Name
			}
			for _, name := range g.OffWhen {
				if flagValue(a, flags, name) {
					return a.Name
				}
			}
		}
		for _, req := range a.Requires {
			if name := visit(req, false); name != "" {
				return name
			}
		}
		return ""
	}
	for _, a := range roots {
		if name := visit(a, true); name != "" {
			return name
		}
	}
	return ""
}

// flagValue returns the value of the analyzer's boolean flag name: as set on
// the command line (-NAME.name), or else its default. A flag that is not
// boolean counts as true: the promise cannot be checked.
func flagValue(a *analysis.Analyzer, flags []string, name string) bool {
	if v, ok := lookupBool(flags, a.Name+"."+name); ok {
		return v
	}
	f := a.Flags.Lookup(name)
	if f == nil {
		return true
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
		return true
	}
	v, err := strconv.ParseBool(f.DefValue)
	return err != nil || v
}
