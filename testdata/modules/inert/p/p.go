// Package p imports nothing weak, but x exported facts (which parameters
// its methods dereference), and p passes them on to q, which can call x's
// methods without importing x. Those facts cannot matter in p: the vet gate
// skips it.
package p

import "example.com/inert/x"

// Item lets importers name x.Item without importing x.
type Item = x.Item

func New(name string) *Item { return &x.Item{Name: name} }
