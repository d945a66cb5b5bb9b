// Package plain has nothing to do with weak pointers: the vet gate skips it.
package plain

import "strings"

type Point struct{ X, Y int }

func Label(p *Point) string { return strings.Repeat("*", p.X) }
