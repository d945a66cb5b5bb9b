// Package typeerr does not compile: weaklint must say why and exit 1.
package typeerr

import "weak"

var P weak.Pointer[int]

var N int = "not a number"
