package vetgate

import (
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// enabled returns the analyzers that multichecker will run given the
// command-line flags: if any -NAME flag is true, only those; otherwise all
// but those whose -NAME flag is false (see x/tools analysisflags.Parse).
func enabled(analyzers []*analysis.Analyzer, flags []string) []*analysis.Analyzer {
	set := make(map[string]bool)
	anyTrue := false
	for _, a := range analyzers {
		if v, ok := lookupBool(flags, a.Name); ok {
			set[a.Name] = v
			anyTrue = anyTrue || v
		}
	}
	var keep []*analysis.Analyzer
	for _, a := range analyzers {
		v, ok := set[a.Name]
		if anyTrue && v || !anyTrue && (!ok || v) {
			keep = append(keep, a)
		}
	}
	return keep
}

func boolFlag(flags []string, name string) bool {
	v, _ := lookupBool(flags, name)
	return v
}

// lookupBool finds the last -name or -name=bool among flags (as go vet
// passes them: one argument each).
func lookupBool(flags []string, name string) (value, ok bool) {
	for _, arg := range flags {
		arg = strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-")
		k, v, hasValue := strings.Cut(arg, "=")
		if k != name {
			continue
		}
		b := true
		if hasValue {
			var err error
			if b, err = strconv.ParseBool(v); err != nil {
				continue // flag.Parse will complain
			}
		}
		value, ok = b, true
	}
	return value, ok
}
