// Package other, like base, has an internal test and an external test that
// imports wrap: a third unit of wrap.
package other

func Label(s string) string { return "<" + s + ">" }
