// Package review holds the shapes found by reviewing weakderef on realistic
// cache, tree and observer code: each was once reported wrongly or missed.
package review

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"
	"weak"
)

type Node struct {
	Name   string
	parent weak.Pointer[Node]
}

// Parent returns the parent, or nil once it has been collected.
func (n *Node) Parent() *Node { return n.parent.Value() } // fact maybeNil: checked in testdata/src/referents

// Root walks up while parents are alive: cur only takes checked values.
func Root(n *Node) *Node {
	cur := n
	for {
		p := cur.Parent()
		if p == nil {
			return cur
		}
		cur = p
	}
}

// sameParent compares two possibly reclaimed values: both may be nil.
func sameParent(a, b *Node) string {
	if pa := a.Parent(); pa == b.Parent() {
		return pa.Name // want `possible nil dereference: a.Parent\(\) may return nil`
	}
	return ""
}

func tbFatal(tb testing.TB, p weak.Pointer[Node]) string {
	v := p.Value()
	if v == nil {
		tb.Fatalf("referent collected")
	}
	return v.Name
}

// die never returns: checks that call it guard what follows.
func die(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format, args...)
	os.Exit(2)
}

func dieHelper(p weak.Pointer[Node]) string {
	v := p.Value()
	if v == nil {
		die("referent collected")
	}
	return v.Name
}

// gone is a negative nil-check helper.
func gone(n *Node) bool { return n == nil }

func negativeHelper(ps []weak.Pointer[Node]) (names []string) {
	for _, p := range ps {
		v := p.Value()
		if gone(v) {
			continue
		}
		names = append(names, v.Name)
	}
	return names
}

func keptAlive() string {
	n := &Node{Name: "held"}
	wp := weak.Make(n)
	s := wp.Value().Name
	runtime.KeepAlive(n)
	return s
}

func notKeptAlive() string {
	wp := weak.Make(&Node{Name: "dropped"})
	return wp.Value().Name // want `possible nil dereference`
}

type Image struct{ W int }

func (im *Image) Grow() { im.W++ }

type Store struct {
	mu sync.Mutex
	m  map[string]weak.Pointer[Image]
}

// Find locks and defers the unlock: its results live in memory.
func (s *Store) Find(k string) *Image { // fact maybeNil: checked in testdata/src/referents
	s.mu.Lock()
	defer s.mu.Unlock()
	wp, ok := s.m[k]
	if !ok {
		return nil
	}
	return wp.Value()
}

// Load locks, defers, and reports liveness in ok.
func (s *Store) Load(k string) (*Image, bool) { // fact maybeNil: checked in testdata/src/referents
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.m[k].Value()
	return v, v != nil
}

func findUnchecked(s *Store) int {
	return s.Find("a").W // want `possible nil dereference: s.Find\("a"\) may return nil`
}

func loadChecked(s *Store) int {
	v, ok := s.Load("a")
	if !ok {
		return 0
	}
	return v.W
}

func methodValue(wp weak.Pointer[Image]) {
	time.AfterFunc(time.Second, wp.Value().Grow) // want `possible nil dereference`
}

func methodExpression(wp weak.Pointer[Image]) {
	(*Image).Grow(wp.Value()) // want `possible nil dereference`
}

func checkedMethodValue(wp weak.Pointer[Image]) {
	if v := wp.Value(); v != nil {
		time.AfterFunc(time.Second, v.Grow)
	}
}

func interfaceNilCheck(wp weak.Pointer[Image]) int {
	v := wp.Value()
	if any(v) != nil { // a nil *Image in an interface is not nil
		return v.W // want `possible nil dereference`
	}
	return 0
}

func typeSwitch(wp weak.Pointer[Image]) int {
	switch im := any(wp.Value()).(type) {
	case *Image: // a typed nil matches
		return im.W // want `possible nil dereference`
	}
	return 0
}

var errGone = fmt.Errorf("referent collected")

// check validates n: a nil error means n is non-nil.
func check(n *Node) error {
	if n == nil {
		return errGone
	}
	return nil
}

// lenient returns nil for a nil node too: it validates nothing.
func lenient(n *Node) error {
	if n != nil && n.Name == "" {
		return errGone
	}
	return nil
}

func validated(p weak.Pointer[Node]) (string, error) {
	v := p.Value()
	if err := check(v); err != nil {
		return "", err
	}
	return v.Name, nil
}

func notValidated(p weak.Pointer[Node]) (string, error) {
	v := p.Value()
	if err := lenient(v); err != nil {
		return "", err
	}
	return v.Name, nil // want `possible nil dereference`
}

func (n Node) Key() string { return n.Name }

func valueMethodPosition(p weak.Pointer[Node]) string {
	return p.Value().Key() // want `possible nil dereference`
}

// assert panics unless cond holds.
func assert(cond bool, msg string) {
	if !cond {
		panic(msg)
	}
}

// warn only logs: it guards nothing.
func warn(cond bool, msg string) {
	if !cond {
		fmt.Println(msg)
	}
}

func asserted(p weak.Pointer[Node]) string {
	v := p.Value()
	assert(v != nil, "referent collected")
	return v.Name
}

func warned(p weak.Pointer[Node]) string {
	v := p.Value()
	warn(v != nil, "referent collected")
	return v.Name // want `possible nil dereference`
}
