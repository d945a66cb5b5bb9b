package weakstore

import (
	"runtime"
	"weak"
)

// A map local to a function that keeps referents beside their weak
// pointers, and never leaves the function, holds them only for the call:
// a test that keeps values alive on purpose while it checks what a
// registry drops (go-utilpkg eventloop's registry tests).

type promise struct{ state int }

func newPromise() *promise { return &promise{} }

// Quiet: kept is only indexed, measured and kept alive until the end.
func checkRetained() int {
	kept := make(map[weak.Pointer[promise]]*promise)
	for range 10 {
		p := newPromise()
		wp := weak.Make(p)
		kept[wp] = p
	}
	n := 0
	for wp, p := range kept {
		if wp.Value() == p {
			n++
		}
	}
	runtime.KeepAlive(kept)
	return n + len(kept)
}

// Positive: the local map is returned: it lives as long as the caller
// keeps it, and its weak pointers never die.
func retained() map[weak.Pointer[promise]]*promise {
	kept := make(map[weak.Pointer[promise]]*promise)
	for range 10 {
		p := newPromise()
		wp := weak.Make(p)
		kept[wp] = p // want `p is stored strongly in kept\[wp\], in the same kept that holds its weak pointer`
	}
	return kept
}
