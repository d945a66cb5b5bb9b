// Package asserted converts possibly reclaimed pointers to interfaces and
// asserts them to other interfaces: a typed nil satisfies the assertion
// (ok is true), so a method invoked on the result meets the nil pointer.
package asserted

import (
	"iter"
	"weak"
)

type Sizer interface{ Size() int }

type Tile struct{ Data []byte }

func (t *Tile) Size() int { return len(t.Data) }

// Safe's Size is nil-safe.
type Safe struct{ n int }

func (s *Safe) Size() int {
	if s == nil {
		return 0
	}
	return s.n
}

type Map[V any] struct{ m map[string]weak.Pointer[V] }

// Entries yields each value as it is now, nil once collected.
func (c *Map[V]) Entries() iter.Seq2[string, *V] {
	return func(yield func(string, *V) bool) {
		for k, wp := range c.m {
			if !yield(k, wp.Value()) {
				return
			}
		}
	}
}

// Bytes: on generic code the method is the dynamic type's.
func (c *Map[V]) Bytes() int {
	n := 0
	for _, v := range c.Entries() {
		if s, ok := any(v).(Sizer); ok {
			n += s.Size() // want `possible nil dereference: c.Entries\(\) may pass nil to the function it calls`
		}
	}
	return n
}

func (c *Map[V]) BytesSwitch() int {
	n := 0
	for _, v := range c.Entries() {
		switch s := any(v).(type) {
		case Sizer:
			n += s.Size() // want `possible nil dereference: c.Entries\(\) may pass nil to the function it calls`
		}
	}
	return n
}

// BytesLive checks the pointer before boxing it.
func (c *Map[V]) BytesLive() int {
	n := 0
	for _, v := range c.Entries() {
		if v == nil {
			continue
		}
		if s, ok := any(v).(Sizer); ok {
			n += s.Size()
		}
	}
	return n
}

type Tiles struct{ m map[string]weak.Pointer[Tile] }

func (t *Tiles) Get(k string) *Tile { return t.m[k].Value() }

// Size of a concrete type whose method dereferences its receiver.
func (t *Tiles) Size(k string) int {
	var x any = t.Get(k)
	if s, ok := x.(Sizer); ok && s != nil { // s != nil holds for a typed nil too
		return s.Size() // want `possible nil dereference: t.Get\(k\) may return nil`
	}
	return 0
}

// SizeChecked checks the tile first.
func (t *Tiles) SizeChecked(k string) int {
	tile := t.Get(k)
	if tile == nil {
		return 0
	}
	if s, ok := any(tile).(Sizer); ok {
		return s.Size()
	}
	return 0
}

type Safes struct{ m map[string]weak.Pointer[Safe] }

// Size of a type whose method is nil-safe.
func (t *Safes) Size(k string) int {
	if s, ok := any(t.m[k].Value()).(Sizer); ok {
		return s.Size()
	}
	return 0
}
