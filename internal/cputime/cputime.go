// Package cputime reads the CPU time the process has used, for benchmarks
// that report it beside wall-clock time: on a shared machine the time a
// process spends waiting for a CPU inflates ns/op but not its CPU time.
package cputime
