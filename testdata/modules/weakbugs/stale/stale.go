// Package stale uses no weak pointer or cleanup, and keeps a directive
// from code that did: go vet's fast path must not skip it.
package stale

func Double(x int) int {
	return 2 * x //weaklint:ignore cleanupref left behind
}
