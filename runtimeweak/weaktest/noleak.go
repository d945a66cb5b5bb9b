package weaktest

import (
	"testing"

	"github.com/weaklint/weaklint/runtimeweak/internal/cleanupcount"
)

// NoLeak runs f and asserts that no cleanup registered during f is still
// pending after it: within a bounded number of collections, every object f
// attached a cleanup to has been collected and its cleanup has run.
//
// The runtime does not count the cleanups attached to live objects, so NoLeak
// checks in two ways. Cleanups registered through runtimeweak (Finalizer,
// Ref callbacks, Listeners) are counted exactly: if more are pending after f
// than before, NoLeak reports how many. Cleanups and finalizers registered
// directly with runtime.AddCleanup or runtime.SetFinalizer are checked by
// rerunning f in a subprocess with GODEBUG=checkfinalizers=1 (see the package
// documentation), which finds those that can never run because they reach
// their own object or sit in a shared tiny block; one whose object is simply
// kept by a global is beyond what the runtime reports. The subprocess costs
// a run of the test binary, so in -short mode NoLeak skips it.
func NoLeak(t testing.TB, f func()) {
	t.Helper()
	call := nextCall(t)
	role := roleOf(t, call)
	if role == skip {
		return
	}
	before := cleanupcount.Pending()
	f()
	for range maxCollections {
		if cleanupcount.Pending() <= before {
			break
		}
		collect()
	}
	if role == target {
		collect() // checkfinalizers looks at every cleanup at each collection
		collect()
		finishChild()
	}
	left := cleanupcount.Pending() - before
	c, fin := waitQueues()
	switch {
	case left > 0:
		t.Errorf("weaktest: %d cleanups registered through runtimeweak during f are still pending after %d collections: the objects they are attached to are still reachable%s",
			left, maxCollections, diagnose(t, call))
		return
	case c+fin > 0:
		t.Errorf("weaktest: %d cleanups and %d finalizers queued by the collector had not run after %d collections (is one blocked or slow?)",
			c, fin, maxCollections)
	}
	if testing.Short() {
		return
	}
	report, found, why := runChild(t, call)
	switch {
	case found:
		t.Errorf("weaktest: GODEBUG=checkfinalizers=1 reports a cleanup or finalizer that can never run:\n%s", report)
	case why != "":
		t.Logf("weaktest: NoLeak could not check cleanups registered directly with the runtime: %s", why)
	}
}
