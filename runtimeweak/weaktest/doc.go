// Package weaktest helps tests prove that objects are released: that an
// object becomes unreachable and its cleanups run (Collected), and that code
// leaves no cleanup behind (NoLeak).
//
// Both wait for the collector with a bounded loop of runtime.GC calls, never
// with sleeps, and fail with a message that says what did not happen. When
// an object stays reachable, they rerun the test in a subprocess with
// GODEBUG=checkfinalizers=1, which makes the runtime check, at every
// collection, whether a cleanup or finalizer can reach the object it is
// attached to (so that it can never run) or whether the object sits in a
// tiny allocation block shared with other values; the runtime's answer,
// naming the value's type and where the cleanup was created, is added to the
// failure. What holds an object otherwise (a global, a goroutine, a map) the
// runtime does not report, and the message says so.
//
// The subprocess runs the same test binary with -test.run set to the
// current test, and the failing check's body only: earlier weaktest checks
// in the same test are skipped there, so the test must reach the failing
// check the same way on every run. Tests that use weaktest should not run in
// parallel with tests that allocate cleanups they never release, since the
// runtime's queue counters and runtimeweak's pending count are process-wide.
package weaktest
