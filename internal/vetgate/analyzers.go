package vetgate

import (
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// SafeAnalyzers lists the analyzers that neither report a diagnostic nor
// export a fact in a package that the gate skips (see the package comment),
// each with the flag setting it needs for that ("" if none). An analyzer that
// does not keep the promise (one that flags ordinary maps, say, or that
// requires an analyzer exporting facts for every function, like ctrlflow)
// must not be listed: the gate then stays off while it runs, and go vet is
// slow but complete.
var SafeAnalyzers = map[string]string{
	"weakderef":  "",
	"cleanupref": "",
	// Rule 4 (an unbounded strong memo) applies to any package.
	"strongcache": "strongcache.memo=false",
}

// GateFlags returns the flags that make the gate usable with the given
// analyzers: the settings SafeAnalyzers asks for, and -NAME=false for the
// analyzers that are never safe.
func GateFlags(analyzers []*analysis.Analyzer) []string {
	var flags []string
	for _, a := range analyzers {
		switch setting, ok := SafeAnalyzers[a.Name]; {
		case !ok:
			flags = append(flags, "-"+a.Name+"=false")
		case setting != "":
			flags = append(flags, "-"+setting)
		}
	}
	return flags
}

// unsafeAnalyzer returns the name of the first analyzer among roots and
// their requirements that may report or export facts outside the gate's
// conditions, given the command-line flags, or "" if the gate may be used.
func unsafeAnalyzer(roots []*analysis.Analyzer, flags []string) string {
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
			setting, ok := SafeAnalyzers[a.Name]
			if !ok || setting != "" && !settingHolds(a, flags, setting) {
				return a.Name
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

// settingHolds reports whether the boolean flag of setting ("name=value")
// has that value: as set on the command line, or else by its default in the
// analyzer's own flags (name is "analyzer.flag").
func settingHolds(a *analysis.Analyzer, flags []string, setting string) bool {
	name, want, _ := strings.Cut(setting, "=")
	wantValue, err := strconv.ParseBool(want)
	if err != nil {
		return false
	}
	if v, ok := lookupBool(flags, name); ok {
		return v == wantValue
	}
	f := a.Flags.Lookup(strings.TrimPrefix(name, a.Name+"."))
	return f != nil && f.DefValue == want
}
