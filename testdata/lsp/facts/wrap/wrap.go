// Package wrap registers cleanups: OnCollect is a registrar for
// weaklint (a fact of the dependency).
package wrap

import "runtime"

// OnCollect runs fn once p is collected.
func OnCollect[T any](p *T, fn func()) {
	runtime.AddCleanup(p, func(struct{}) { fn() }, struct{}{})
}
