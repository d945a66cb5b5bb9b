// Package quietbad does not compile, but imports nothing weak: in go vet
// mode the gate skips it without type-checking (go build reports the error).
package quietbad

var N int = "not a number"
