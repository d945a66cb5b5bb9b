// Package mainstack grows the main goroutine's stack to its working size
// once, at the start of package initialization, rather than by doubling
// deep inside it.
//
// A go vet unit is a process of a few milliseconds, and weaklint's
// dependencies grow the main goroutine's stack three times while they
// initialize (8 to 64 KB: internal/platform's tables, x/tools'
// go/ast/edge, which walks go/ast's types by reflection, and
// encoding/gob's wire types). Each growth copies the stack, which walks
// every frame on it and looks up its stack map in the binary's pc tables,
// and touches fresh memory: together about 30 page faults and 0.1 ms of
// CPU in every process. Growing once, here, with two frames on the stack,
// costs a few pages instead.
//
// Packages are initialized in the order of their import paths, as far as
// their imports allow (Go 1.21 and later), and this one imports nothing,
// so it runs before internal/platform and x/tools. An import path that
// sorted later, or a runtime that started goroutines with larger stacks,
// would only make it useless, never wrong.
package mainstack

// workingSize is the main goroutine's stack size after initialization
// (and through the vet gate's skipped units, which rarely grow it again).
const workingSize = 64 << 10

// never is false; the compiler cannot know it, so grow keeps its frame.
var never bool

func init() { grow() }

// grow has a frame almost as large as workingSize: its entry check makes
// the runtime grow the stack, doubling until the frame fits, to
// workingSize. The array is never written, so its pages stay untouched
// until something deeper needs them.
//
//go:noinline
func grow() {
	if never {
		var frame [workingSize - 8<<10]byte
		keep(frame[:])
	}
}

//go:noinline
func keep(b []byte) { never = len(b) == 0 }
