// Package base has an internal test, so go vet recompiles wrap, which its
// external test imports, for that test: a dependency unit of wrap with the
// files and the facts of wrap's root unit, which may run first.
package base

type Conn struct {
	Name string
	Open bool
}
