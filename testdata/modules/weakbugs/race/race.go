// Package race checks one Value() and uses another.
package race

import "weak"

type Conn struct{ Open bool }

func Close(p weak.Pointer[Conn]) {
	if p.Value() != nil {
		p.Value().Open = false
	}
}
