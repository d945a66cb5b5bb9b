// Package cleanupcount counts the cleanups that runtimeweak has registered and
// that have neither run nor been cancelled, so that weaktest.NoLeak can tell
// whether a test left any behind. The runtime keeps no such count itself: it
// counts cleanups queued and executed, not those still attached to a live
// object.
package cleanupcount

import "sync/atomic"

var n atomic.Int64

// Registered records a cleanup that runtimeweak attached to an object.
func Registered() { n.Add(1) }

// Settled records that such a cleanup ran or was cancelled. Each Registered
// is settled at most once.
func Settled() { n.Add(-1) }

// Pending returns the number of cleanups registered and not yet settled.
func Pending() int64 { return n.Load() }
