// Package global attaches cleanups and weak pointers to package-level
// objects (rule 3), which the linker may allocate and which are never
// collected, next to heap objects that merely live in package variables.
package global

import (
	"runtime"
	"weak"
)

type Config struct {
	Name  string
	Limit int
	buf   [32]byte
}

func release(int) {}

var defaults Config

var shared = &Config{Name: "shared", Limit: 4}

func newDefault() *Config { return &Config{Name: "default"} }

var fromFunc = newDefault()

var onHeap = new(Config) // new(T) at package level: a heap object

var builtAtRun = &Config{Name: name()} // not constant: built at run time, on the heap

var madeInInit *Config

var reassigned = &Config{Name: "r"}

var table [4]Config

func name() string { return "n" }

// Package-level initializers run in the package initializer, which no
// declaration names: their weak pointers and cleanups are checked too.
var defaultsRef = weak.Make(&defaults) // want `weak.Make of package-level variable defaults: it is never collected`

var sharedCleanup = runtime.AddCleanup(shared, release, 0) // want `runtime.AddCleanup of the object of package-level variable shared`

var onHeapRef = weak.Make(onHeap) // quiet: new(T) is heap-allocated, and onHeap keeps it

var builtRef = weak.Make(builtAtRun) // quiet: built at run time

func init() {
	madeInInit = &Config{Name: "init"}
	runtime.AddCleanup(madeInInit, release, 0) // quiet: made in init(), a heap object
}

func Register() {
	runtime.AddCleanup(&defaults, release, 0)      // want `runtime.AddCleanup of package-level variable defaults: it is never collected, so the cleanup never runs`
	_ = weak.Make(&defaults)                       // want `weak.Make of package-level variable defaults: it is never collected, so the weak pointer never becomes nil`
	runtime.SetFinalizer(shared, func(*Config) {}) // want `runtime.SetFinalizer of the object of package-level variable shared: its initializer &T\{…\} is allocated statically`
	_ = weak.Make(fromFunc)                        // want `weak.Make of the object of package-level variable fromFunc`
	runtime.AddCleanup(&table[1], release, 0)      // want `runtime.AddCleanup of package-level variable table`
	runtime.AddCleanup(&defaults.buf, release, 0)  // want `runtime.AddCleanup of package-level variable defaults`
	runtime.AddCleanup(onHeap, release, 0)         // quiet: new(T) is heap-allocated
	runtime.AddCleanup(builtAtRun, release, 0)     // quiet: built at run time
	runtime.AddCleanup(madeInInit, release, 0)     // quiet
	runtime.AddCleanup(reassigned, release, 0)     // quiet: may hold a heap object (see Reset)
	local := &Config{Name: "local"}
	runtime.AddCleanup(local, release, 0) // quiet
	_ = local
}

func Reset() { reassigned = &Config{Name: "again"} }
