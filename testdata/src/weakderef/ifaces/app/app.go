// Package app calls lib's interfaces, converting nothing to them itself:
// the interface method's Fact says what the calls return.
package app

import (
	"errors"

	"weakderef/ifaces/lib"
)

func Replicas(g lib.Getter, key string) string {
	o, err := g.Get(key)
	if err != nil && !errors.Is(err, lib.ErrEvicted) {
		return ""
	}
	return o.Meta // want `possible nil dereference: g.Get\(key\) may return nil`
}

func ReplicasChecked(g lib.Getter, key string) string {
	o, err := g.Get(key)
	if err != nil {
		return ""
	}
	return o.Meta
}

func Describe(r lib.Resolver, key string) string {
	img, _ := r.Resolve(key)
	return img.Meta // want `possible nil dereference: r.Resolve\(key\) may return nil`
}
