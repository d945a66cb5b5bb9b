// Package syntaxx does not parse, and has an external test package that
// imports it: go vet compiles it for that test, and the compiler reports
// the syntax error (the vet gate does not parse it whole).
package syntaxx

func F( {
