// Package wrapuse calls wrap's wrappers: found through facts.
package wrapuse

import (
	"runtime"
	"syscall"
	"weak"

	"lifetime/wrap"
)

type Big struct {
	Name string
	Data [64]byte
}

type Flag struct{ On bool }

var global Big

var (
	session wrap.Session
	local   Big
)

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
	_ = wrap.Pin(&global)             // quiet: Pin keeps the weak pointer for itself; its entry lasts as long as global
	wrap.Register(&session)           // quiet: likewise (and Register has no fact)
	wrap.OnCollect(&local, func() {}) // want `runtime.AddCleanup of package-level variable local`
}

func sink(*Big) {}

// Conn's fields and accessor are known by wrap's facts.
func write(c *wrap.Conn, b []byte) {
	syscall.Write(c.FD, b) // want `c.FD is used after the last use of c`
}

func writeKept(c *wrap.Conn, b []byte) {
	syscall.Write(c.FD, b) // quiet: KeepAlive below
	runtime.KeepAlive(c)
}

func writeSock(c *wrap.Conn, b []byte) {
	syscall.Write(c.Sock(), b) // want `c.Sock\(\) is used after the last use of c`
}

func stop(c *wrap.Conn) {
	c.Cleanup.Stop() // want `Stop is the last use of c`
}

func stopThenUse(c *wrap.Conn) int {
	c.Cleanup.Stop() // quiet: c is used below
	return c.FD
}

// refCopied goes through the wrapper, found by its fact: the weak pointer
// is returned, the variable is only copied.
func refCopied(name string) (weak.Pointer[Big], Big) {
	b := Big{Name: name}
	w := wrap.Ref(&b) // want `weak.Make of local variable b, whose value is only read or copied after the call`
	return w, b
}
