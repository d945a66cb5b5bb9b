// Package mid forwards to wrap without importing weak or naming a
// registrar: it matters only through wrap's facts.
package mid

import "example.com/facts/wrap"

// Watch runs fn once p is collected.
func Watch[T any](p *T, fn func()) { wrap.OnCollect(p, fn) }
