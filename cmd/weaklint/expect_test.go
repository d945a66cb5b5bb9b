package main_test

import "slices"

// want lists, by analyzer, every diagnostic that weaklint reports on the
// weakbugs fixture module (testdata/modules/weakbugs), as file:line:col:
// message with paths relative to the module. When an analyzer joins
// analyzer.All(), add its fixture package to the module and its lines here;
// every test below picks them up.
var want = map[string][]string{
	"weakderef": {
		// A referent used without a check, in the package that calls Value.
		"cache/cache.go:28:24: possible nil dereference: c.m[k].Value() returns nil once the referent is garbage collected; check the result for nil before use",
		// Found through cache's fact: app imports no weak package.
		`app/app.go:7:54: possible nil dereference: c.Get("a") may return nil (it returns a weak referent unchecked); check the result for nil before use`,
		// Found through app's fact, itself derived from cache's.
		"relay/relay.go:9:57: possible nil dereference: app.First(c) may return nil (it returns a weak referent unchecked); check the result for nil before use",
		// The referent's type comes from plain, a package the vet gate skips.
		"holder/holder.go:13:47: possible nil dereference: h.p.Value() returns nil once the referent is garbage collected; check the result for nil before use",
		// The re-call race, with a suggested fix (see TestFix).
		"race/race.go:10:13: p.Value() is called again after a nil check of an earlier call: the referent may be reclaimed in between; call Value once and use the checked result",
	},
}

// wantExcept returns the expected diagnostics of every analyzer but those
// named, sorted.
func wantExcept(names ...string) []string {
	var all []string
	for name, lines := range want {
		if !slices.Contains(names, name) {
			all = append(all, lines...)
		}
	}
	slices.Sort(all)
	return all
}
