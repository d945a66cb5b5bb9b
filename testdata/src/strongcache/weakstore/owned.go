package weakstore

import (
	"slices"
	"weak"
)

// A container that owns its elements in a slice and indexes them weakly
// holds each one only until it removes it from the slice: the weak index
// is redundant, not a pin. A slice that only grows pins every element.

type feature struct{ id uint64 }

// layer removes features by splicing the slice.
type layer struct {
	features []*feature
	byID     map[uint64]weak.Pointer[feature]
}

func (l *layer) add(f *feature) {
	l.features = append(l.features, f)
	l.byID[f.id] = weak.Make(f)
}

func (l *layer) remove(id uint64) {
	delete(l.byID, id)
	for i, f := range l.features {
		if f.id == id {
			l.features = append(l.features[:i], l.features[i+1:]...)
			return
		}
	}
}

// graph removes nodes with slices.DeleteFunc.
type graph struct {
	nodes []*feature
	users map[uint64]weak.Pointer[feature]
}

func (g *graph) add(n *feature) {
	g.users[n.id] = weak.Make(n)
	g.nodes = append(g.nodes, n)
}

func (g *graph) prune(live map[uint64]bool) {
	g.nodes = slices.DeleteFunc(g.nodes, func(n *feature) bool { return !live[n.id] })
	for id := range g.users {
		if !live[id] {
			delete(g.users, id)
		}
	}
}

// pinned only grows (appending a copy of part of itself is no removal).
type pinned struct {
	all  []*feature
	byID map[uint64]weak.Pointer[feature]
}

func (p *pinned) add(f *feature) {
	p.all = append(p.all, f) // want `f is stored strongly in p.all, in the same p that holds its weak pointer`
	p.byID[f.id] = weak.Make(f)
}

func (p *pinned) again(id uint64) {
	p.all = append(p.all[:len(p.all):len(p.all)], p.all...)
	delete(p.byID, id)
}

// The strong store is reported on the field of the literal that takes it.
type parentEntry struct {
	wp   weak.Pointer[feature]
	keep *feature
	at   int
}

type parents struct {
	m map[uint64]*parentEntry
}

func (p *parents) remember(f *feature) {
	p.m[f.id] = &parentEntry{
		wp:   weak.Make(f),
		keep: f, // want `f is stored strongly in p.m\[f.id\], in the same p that holds its weak pointer`
		at:   1,
	}
}

func (p *parents) forget(id uint64) { delete(p.m, id) }
