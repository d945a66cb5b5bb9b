// Package chans passes referents through channels a function makes: a
// value received from a channel is what some send put there, so a channel
// that one send (of a goroutine or closure of the maker, or in a select
// case) puts an unchecked weak referent on may give nil to every receiver.
package chans

import (
	"context"
	"weak"
)

type Tile struct{ Key int }

type Store struct{ tiles map[int]weak.Pointer[Tile] }

func (s *Store) cached(k int) *Tile { return s.tiles[k].Value() }

// Rewarm's producer sends each lookup unchecked.
func (s *Store) Rewarm(ctx context.Context, keys []int) int {
	ch := make(chan *Tile)
	go func() {
		defer close(ch)
		for _, k := range keys {
			select {
			case ch <- s.cached(k):
			case <-ctx.Done():
				return
			}
		}
	}()
	n := 0
	for t := range ch {
		n += t.Key // want `possible nil dereference: a value received from a channel may be nil: \(\*Store\).Rewarm sends s.cached\(k\) on it without a nil check \(chans.go:25\)`
	}
	return n
}

func (s *Store) First(keys []int) int {
	ch := make(chan *Tile, 1)
	go func() { ch <- s.cached(keys[0]) }()
	t := <-ch
	return t.Key // want `possible nil dereference: a value received from a channel may be nil: \(\*Store\).First sends s.cached\(keys\[0\]\)`
}

// RewarmLive's producer sends only live tiles.
func (s *Store) RewarmLive(keys []int) int {
	ch := make(chan *Tile)
	go func() {
		defer close(ch)
		for _, k := range keys {
			t := s.cached(k)
			if t == nil {
				continue
			}
			ch <- t
		}
	}()
	n := 0
	for t := range ch {
		n += t.Key
	}
	return n
}

// FirstChecked's receiver checks what it gets.
func (s *Store) FirstChecked(keys []int) int {
	ch := make(chan *Tile, 1)
	go func() { ch <- s.cached(keys[0]) }()
	if t := <-ch; t != nil {
		return t.Key
	}
	return -1
}

// Gather receives in a select; the producer's send is a plain statement.
func (s *Store) Gather(ctx context.Context, keys []int) int {
	ch := make(chan *Tile, len(keys))
	for _, k := range keys {
		go func() { ch <- s.cached(k) }()
	}
	n := 0
	for range keys {
		select {
		case t := <-ch:
			n += t.Key // want `a value received from a channel may be nil: \(\*Store\).Gather sends s.cached\(k\)`
		case <-ctx.Done():
			return n
		}
	}
	return n
}

// GatherChecked is Gather with the received value checked.
func (s *Store) GatherChecked(ctx context.Context, keys []int) int {
	ch := make(chan *Tile, len(keys))
	for _, k := range keys {
		go func() { ch <- s.cached(k) }()
	}
	n := 0
	for range keys {
		select {
		case t := <-ch:
			if t == nil {
				continue
			}
			n += t.Key
		case <-ctx.Done():
			return n
		}
	}
	return n
}

// Touched's producer dereferences each tile before it sends it: a nil
// one panics there (its own report), never reaching the channel.
func (s *Store) Touched(keys []int) int {
	ch := make(chan *Tile)
	go func() {
		defer close(ch)
		for _, k := range keys {
			t := s.cached(k)
			t.Key++ // want `possible nil dereference: s.cached\(k\) may return nil`
			ch <- t
		}
	}()
	n := 0
	for t := range ch {
		n += t.Key
	}
	return n
}

// Fresh's producer sends new tiles only.
func (s *Store) Fresh(keys []int) int {
	ch := make(chan *Tile)
	go func() {
		defer close(ch)
		for _, k := range keys {
			ch <- &Tile{Key: k}
		}
	}()
	n := 0
	for t := range ch {
		n += t.Key
	}
	return n
}

func isLive(t *Tile) bool { return t != nil && t.Key >= 0 }

// RewarmHelper's producer checks with a helper, in a select.
func (s *Store) RewarmHelper(ctx context.Context, keys []int) int {
	ch := make(chan *Tile)
	go func() {
		defer close(ch)
		for _, k := range keys {
			t := s.cached(k)
			if !isLive(t) {
				continue
			}
			select {
			case ch <- t:
			case <-ctx.Done():
				return
			}
		}
	}()
	n := 0
	for t := range ch {
		n += t.Key
	}
	return n
}
