// Package wrap has findings, one with a suggested fix, and no internal
// tests: its root unit has the files of its dependency unit recompiled for
// base's test, and can replay what that unit recorded.
package wrap

import (
	"weak"

	"example.com/replay/base"
)

// Close checks one Value() and uses another: reported, with a fix.
func Close(p weak.Pointer[base.Conn]) {
	if p.Value() != nil {
		p.Value().Open = false
	}
}

// Open uses Value() unchecked: reported, without a fix.
func Open(p weak.Pointer[base.Conn]) {
	p.Value().Open = true
}
