// Package model declares a type whose fields another package hands to a
// cleanup.
package model

type Handle struct {
	ID   uint32
	Name string
}
