// Package b is a dependency of the open package: its facts are computed at
// load time and must survive edits of package a.
package b

func bad() {}

// Wrap calls bad.
func Wrap() { bad() }
