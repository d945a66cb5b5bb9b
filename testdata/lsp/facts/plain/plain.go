// Package plain cannot matter to weaklint: the vet gate skips it.
package plain

import "strings"

// Upper returns s in upper case.
func Upper(s string) string { return strings.ToUpper(s) }
