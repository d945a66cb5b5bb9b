// Package plain has nothing to do with weak pointers or cleanups, although
// it imports runtime: the vet gate skips it.
package plain

import (
	"runtime"
	"strings"
)

type Point struct{ X, Y int }

func Label(p *Point) string { return strings.Repeat("*", p.X) }

func Workers() int { return runtime.NumCPU() }
