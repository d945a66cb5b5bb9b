package main_test

import (
	"slices"
)

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
		// Found through cache's fact on a method, which app passes on:
		// front imports neither weak nor cache.
		`front/front.go:7:53: possible nil dereference: app.Default().Get("x") may return nil (it returns a weak referent unchecked); check the result for nil before use`,
		// The referent's type comes from plain, a package the vet gate skips.
		"holder/holder.go:13:47: possible nil dereference: h.p.Value() returns nil once the referent is garbage collected; check the result for nil before use",
		// A weak.Pointer reached through registry's types: reader imports
		// no weak package and registry exports no fact.
		"reader/reader.go:7:76: possible nil dereference: registry.Services[name].Svc.Value() returns nil once the referent is garbage collected; check the result for nil before use",
		// The re-call race, with a suggested fix (see TestFix).
		"race/race.go:10:13: p.Value() is called again after a nil check of an earlier call: the referent may be reclaimed in between; call Value once and use the checked result",
	},
	"cleanupref": {
		"finalize/finalize.go:24:24: cleanup function captures f, so f is never collected and the cleanup never runs: pass what it needs as the cleanup argument instead",
	},
	"lifetime": {
		// Found through handle's facts (its exported accessor Fd returns
		// the descriptor its cleanup closes): useh imports neither weak nor
		// runtime. With a suggested fix (see TestFixLeftovers).
		"useh/useh.go:13:12: f.Fd() is used after the last use of f, whose cleanup releases it: f may be collected and the cleanup run mid-use; add runtime.KeepAlive(f) after the last use",
	},
	// //weaklint:ignore directives (ignored/ also silences a weakderef
	// report): a typo, and two that silence nothing, one in a package that
	// go vet's fast path would otherwise skip.
	"ignoredirective": {
		`ignored/ignored.go:23:34: unknown analyzer "weakdref" in //weaklint:ignore: it silences nothing; the analyzers are weakderef, cleanupref, strongcache, lifetime (or all)`,
	},
	"unusedignore": {
		"ignored/ignored.go:16:20: //weaklint:ignore weakderef silences nothing: weakderef reports nothing on this line or the next; remove weakderef from the directive",
		"stale/stale.go:6:33: //weaklint:ignore cleanupref silences nothing: cleanupref reports nothing on this line or the next; remove cleanupref from the directive",
	},
	"strongcache": {
		"cache/cache.go:9:20: entries of Cache.m are never removed: dead weak pointers accumulate without bound; delete them in a cleanup attached to the value (checking the entry still holds the same weak pointer) or use runtimeweak.ValueMap",
		"registry/registry.go:11:5: entries of Services are never removed: dead weak pointers accumulate without bound; delete them in a cleanup attached to the value (checking the entry still holds the same weak pointer) or use runtimeweak.ValueMap",
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
