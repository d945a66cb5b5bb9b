// Package fake converts its own strong implementation to lib.Getter: in
// this package, a call of Get may run it, and is not described.
package fake

import "weakderef/ifaces/lib"

type fakeGetter struct{ m map[string]*lib.Image }

func (f fakeGetter) Get(key string) (*lib.Image, error) { return f.m[key], nil }

func New() lib.Getter { return fakeGetter{} }

func Meta(g lib.Getter, key string) string {
	o, _ := g.Get(key)
	return o.Meta
}
