// Package app ranges over lib's iterators: a field of a yielded struct that
// lib copies a weak referent into unchecked is a referent here.
package app

import "weakderef/yieldfields/lib"

func Parents(t *lib.Tree) []string {
	var out []string
	for hit := range t.Query() {
		out = append(out, hit.Parent.Label()) // want `possible nil dereference: field Parent of what t.Query\(\) yields may be nil`
	}
	return out
}

// Leaves reads the field that lib fills with a strong pointer.
func Leaves(t *lib.Tree) []string {
	var out []string
	for hit := range t.Query() {
		out = append(out, hit.Leaf.Label())
	}
	return out
}

// Checked checks the field before use.
func Checked(t *lib.Tree) []string {
	var out []string
	for hit := range t.Query() {
		if hit.Parent != nil {
			out = append(out, hit.Parent.Label())
		}
	}
	return out
}

// LiveParents ranges over the iterator that checks.
func LiveParents(t *lib.Tree) []string {
	var out []string
	for hit := range t.Live() {
		out = append(out, hit.Parent.Label())
	}
	return out
}

func EachParent(t *lib.Tree) []string {
	var out []string
	t.Each(func(h lib.Hit) {
		out = append(out, h.Parent.Name) // want `possible nil dereference: field Parent of what t.Each\(\(func\(h lib.Hit\) literal\)\) yields may be nil`
	})
	return out
}
