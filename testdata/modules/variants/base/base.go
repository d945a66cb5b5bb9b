// Package base has an internal test, so go vet recompiles the packages that
// its external test imports (wrap) for that test: a second unit of wrap,
// a dependency whose facts are those of wrap.
package base

type Item struct{ Name string }
