// Package hook forwards to runtime.AddCleanup: weaklint records OnGone as a
// registrar, so its callers' cleanups are checked like AddCleanup's.
package hook

import "runtime"

// OnGone runs done(arg) after obj is collected.
func OnGone[T, A any](obj *T, done func(A), arg A) {
	runtime.AddCleanup(obj, done, arg)
}
