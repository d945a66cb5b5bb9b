// Package wrapuse calls wrap's wrappers: found through facts.
package wrapuse

import (
	"lifetime/wrap"
	"weak"
)

type Big struct {
	Name string
	Data [64]byte
}

type Flag struct{ On bool }

var global Big

func use() {
	_ = wrap.Ref(&Big{Name: "x"}) // want `weak.Make of a new object that nothing else keeps`
	_ = wrap.Pin(&Big{Name: "y"}) // quiet: Pin keeps it
	b := &Big{}
	_ = wrap.Ref(b) // want `weak.Make of a new object that nothing else keeps`
	kept := &Big{}
	w := wrap.Ref(kept) // quiet: kept is returned below
	_ = w
	sink(kept)
	wrap.OnCollect(&Flag{}, func() {})           // want `runtime.AddCleanup of a 1-byte pointer-free object \(Flag\)`
	wrap.OnCollect(&global, func() {})           // want `runtime.AddCleanup of package-level variable global`
	wrap.OnCollect(&Big{}, func() {})            // quiet
	wrap.Watch(&wrap.Small{})                    // quiet: reported in Watch
	var wp weak.Pointer[Big] = wrap.Ref(&global) // want `weak.Make of package-level variable global`
	_ = wp
}

func sink(*Big) {}
