// Package checkhelpers declares helpers that check their arguments for nil
// and do not return normally when the check fails; their CheckFacts guard
// the arguments in other packages (checkuse).
package checkhelpers

import (
	"errors"
	"fmt"
	"log"
	"os"
	"weak"
)

type Node struct {
	Name string
	Next weak.Pointer[Node]
}

// Require panics unless n is non-nil.
func Require(n *Node, what string) { // want Require:`checks\( asserted=\[0\] \)`
	if n == nil {
		panic(fmt.Sprintf("%s is gone", what))
	}
}

// Exit ends the program when n is nil, after logging.
func Exit(code int, n *Node) { // want Exit:`checks\( asserted=\[1\] \)`
	if n != nil {
		return
	}
	log.Printf("node gone")
	os.Exit(code)
}

// Warn only logs: n may still be nil when it returns.
func Warn(n *Node) {
	if n == nil {
		log.Printf("node gone")
	}
}

// Either returns normally when one of them is non-nil: neither is
// asserted on its own.
func Either(a, b *Node) {
	if a == nil && b == nil {
		panic("both gone")
	}
}

// Live is a bool guard: true only for a non-nil node.
func Live(n *Node) bool { return n != nil && n.Name != "" } // want Live:`checks\( iftrue=\[0\] \)`

var ErrGone = errors.New("gone")

// Check validates n through its error.
func Check(n *Node) error { // want Check:`checks\( err0=\[0\] \)`
	if n == nil {
		return ErrGone
	}
	return nil
}

// Stale never returns true: it "guards" n when true only vacuously, and
// does not test n: no fact.
func (n *Node) Stale() bool { return false }

// Save returns another call's error: n is not tested, no fact (its
// error may well be nil with n nil: save does not see n).
func (n *Node) Save() error { return save(n.Name) }

func save(name string) error {
	if name == "" {
		return ErrGone
	}
	return nil
}

// Resolve returns the node behind p, nil only with ErrGone.
func Resolve(p weak.Pointer[Node]) (*Node, error) { // want Resolve:`maybeNil\(0 err=1 is checkhelpers.ErrGone always\)`
	if n := p.Value(); n != nil {
		return n, nil
	}
	return nil, ErrGone
}

// NoErr returns only when err is nil (a must helper): after it, what err
// guards is checked.
func NoErr(err error) { // want NoErr:`checks\( assertednil=\[0\] \)`
	if err != nil {
		log.Fatal(err)
	}
}

// Refuse panics when its condition holds.
func Refuse(gone bool, what string) { // want Refuse:`checks\( assertednil=\[0\] \)`
	if gone {
		panic(what + " is gone")
	}
}

// LogErr only logs: err may be anything when it returns.
func LogErr(err error) {
	if err != nil {
		log.Print(err)
	}
}
