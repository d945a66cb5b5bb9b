// Package basic holds the unchecked uses of weak referents that weakderef
// reports, and their correct twins that it must not.
package basic

import (
	"fmt"
	"weak"
)

type Node struct {
	Name  string
	Next  *Node
	Items [4]int
}

func (n *Node) Rename(s string) { n.Name = s }

func (n Node) Describe() string { return n.Name }

// NilSafe checks its receiver, so calling it on nil is fine.
func (n *Node) NilSafe() string {
	if n == nil {
		return "<nil>"
	}
	return n.Name
}

func fieldRead(p weak.Pointer[Node]) string {
	return p.Value().Name // want `possible nil dereference: p.Value\(\) returns nil once the referent is garbage collected; check the result for nil before use`
}

func fieldWrite(p weak.Pointer[Node]) {
	p.Value().Name = "x" // want `possible nil dereference: p.Value\(\)`
}

func starDeref(p weak.Pointer[Node]) Node {
	return *p.Value() // want `possible nil dereference: p.Value\(\)`
}

func storeThrough(p weak.Pointer[int]) {
	*p.Value() = 3 // want `possible nil dereference: p.Value\(\)`
}

func arrayIndex(p weak.Pointer[[8]byte]) byte {
	return p.Value()[2] // want `possible nil dereference`
}

func arraySlice(p weak.Pointer[[8]byte]) []byte {
	return p.Value()[1:3] // want `possible nil dereference`
}

func rangeOverDeref(p weak.Pointer[[]int]) int {
	n := 0
	for _, x := range *p.Value() { // want `possible nil dereference`
		n += x
	}
	return n
}

func pointerMethod(p weak.Pointer[Node]) {
	p.Value().Rename("y") // want `possible nil dereference`
}

func valueMethod(p weak.Pointer[Node]) string {
	return p.Value().Describe() // want `possible nil dereference`
}

func viaVariable(p weak.Pointer[Node]) string {
	v := p.Value()
	return v.Name // want `possible nil dereference: p.Value\(\)`
}

// Only the first use on a path is reported: past it, v was not nil.
func reportedOnce(p weak.Pointer[Node]) string {
	v := p.Value()
	v.Rename("a") // want `possible nil dereference`
	return v.Name
}

func checkAfterUse(p weak.Pointer[Node]) string {
	v := p.Value()
	s := v.Name // want `possible nil dereference`
	if v == nil {
		return ""
	}
	return s
}

func methodValue(p weak.Pointer[Node]) string {
	get := p.Value
	return get().Name // want `possible nil dereference`
}

type holder struct {
	ref  weak.Pointer[Node]
	refs map[string]weak.Pointer[Node]
	list []weak.Pointer[Node]
}

func (h *holder) name() string {
	return h.ref.Value().Name // want `possible nil dereference: h.ref.Value\(\)`
}

func (h *holder) lookup(k string) string {
	return h.refs[k].Value().Name // want `possible nil dereference: h.refs\[k\].Value\(\)`
}

func (h *holder) sum() int {
	n := 0
	for _, r := range h.list {
		n += len(r.Value().Name) // want `possible nil dereference: r.Value\(\)`
	}
	return n
}

func generic[T any](p weak.Pointer[T]) T {
	return *p.Value() // want `possible nil dereference`
}

type Box[T any] struct{ Val T }

func genericField[T any](p weak.Pointer[Box[T]]) T {
	return p.Value().Val // want `possible nil dereference`
}

func inGoroutine(p weak.Pointer[Node], done chan string) {
	v := p.Value()
	go func() {
		done <- v.Name // want `possible nil dereference: p.Value\(\)`
	}()
}

func inClosure(p weak.Pointer[Node]) func() string {
	return func() string {
		return p.Value().Name // want `possible nil dereference`
	}
}

func deferred(p weak.Pointer[Node]) {
	defer p.Value().Rename("z") // want `possible nil dereference`
}

func derefsParam(n *Node) int { return len(n.Name) }

func passToDeref(p weak.Pointer[Node]) int {
	return derefsParam(p.Value()) // want `possible nil dereference`
}

func wrongBranch(p weak.Pointer[Node]) string {
	if v := p.Value(); v != nil {
		return "alive"
	} else {
		return v.Name // want `possible nil dereference`
	}
}

func phiOneSideUnchecked(p weak.Pointer[Node], q *Node, b bool) string {
	v := q
	if b {
		v = p.Value()
	}
	return v.Name // want `possible nil dereference`
}

// --- quiet: correct code that looks similar ---

func checkedIf(p weak.Pointer[Node]) string {
	if v := p.Value(); v != nil {
		return v.Name
	}
	return ""
}

func earlyReturn(p weak.Pointer[Node]) string {
	v := p.Value()
	if v == nil {
		return ""
	}
	v.Rename("ok")
	return v.Name
}

func earlyPanic(p weak.Pointer[Node]) string {
	v := p.Value()
	if v == nil {
		panic("gone")
	}
	return v.Name
}

func loopContinueBreak(ps []weak.Pointer[Node]) (n int) {
	for _, p := range ps {
		v := p.Value()
		if v == nil {
			continue
		}
		n += len(v.Name)
		w := v.Next
		if w == nil {
			break
		}
	}
	return n
}

func andChain(p weak.Pointer[Node]) bool {
	v := p.Value()
	return v != nil && v.Name != ""
}

func orChain(p weak.Pointer[Node]) bool {
	v := p.Value()
	return v == nil || v.Name == ""
}

func switchCase(p weak.Pointer[Node]) string {
	v := p.Value()
	switch {
	case v == nil:
		return ""
	default:
		return v.Name
	}
}

func switchNil(p weak.Pointer[Node]) string {
	switch v := p.Value(); v {
	case nil:
		return ""
	default:
		return v.Name
	}
}

func reassignedWhenNil(p weak.Pointer[Node]) string {
	v := p.Value()
	if v == nil {
		v = &Node{Name: "fresh"}
	}
	return v.Name
}

func notDereferenced(p weak.Pointer[Node]) bool {
	v := p.Value()
	fmt.Println(v) // printing a nil pointer is fine
	return v == nil
}

func returnedToCaller(p weak.Pointer[Node]) *Node { return p.Value() } // fact maybeNil: checked in testdata/src/referents

func nilSafeMethod(p weak.Pointer[Node]) string { return p.Value().NilSafe() }

func notDerefsParam(n *Node) bool { return n == nil }

func passToNonDeref(p weak.Pointer[Node]) bool { return notDerefsParam(p.Value()) }

func checkedInGoroutine(p weak.Pointer[Node], done chan string) {
	if v := p.Value(); v != nil {
		go func() { done <- v.Name }()
	}
}

func interfaceCheck(p weak.Pointer[Node]) string {
	var x any = p.Value()
	if x != nil {
		return "maybe"
	}
	return ""
}

func fatal(p weak.Pointer[Node]) string {
	v := p.Value()
	if v == nil {
		panic(fmt.Sprintf("referent of %v gone", p))
	}
	return v.Name
}

// A type whose Value method is not weak.Pointer's.
type Setting struct{ v *Node }

func (s Setting) Value() *Node { return s.v }

func notAWeakPointer(s Setting) string { return s.Value().Name }

// Compared with the strong pointer the author holds: identity established.
func sameAsStrong(p weak.Pointer[Node], strong *Node) string {
	v := p.Value()
	if v != strong {
		panic("collected early")
	}
	return v.Name
}

func differentFromStrong(p weak.Pointer[Node], strong *Node) string {
	v := p.Value()
	if v != strong {
		return v.Name // want `possible nil dereference`
	}
	return ""
}

func localClosureSource(p weak.Pointer[Node]) string {
	get := func() *Node { return p.Value() }
	return get().Name // want `possible nil dereference: get\(\) may return nil`
}

func localClosureChecked(p weak.Pointer[Node]) string {
	get := func() *Node { return p.Value() }
	if n := get(); n != nil {
		return n.Name
	}
	return ""
}

func loopOverList(p weak.Pointer[Node]) int {
	n := 0
	for v := p.Value(); v != nil; v = v.Next {
		n++
	}
	return n
}

func assignedInBothBranches(p weak.Pointer[Node], b bool) string {
	var v *Node
	if b {
		v = &Node{}
	} else if w := p.Value(); w != nil {
		v = w
	} else {
		v = &Node{Name: "default"}
	}
	return v.Name
}

// Deliberate uses, silenced by a //weaklint:ignore directive.
func silencedOnLine(p weak.Pointer[Node]) string {
	return p.Value().Name //weaklint:ignore weakderef the caller holds the referent
}

func silencedAbove(p weak.Pointer[Node]) string {
	//weaklint:ignore weakderef,cleanupref the caller holds the referent
	return p.Value().Name
}

func silencedAll(p weak.Pointer[Node]) string {
	return p.Value().Name //weaklint:ignore all the caller holds the referent
}

// A directive without a reason silences nothing (ignoredirective reports it).
func directiveWithoutReason(p weak.Pointer[Node]) string {
	//weaklint:ignore weakderef
	return p.Value().Name // want `possible nil dereference`
}

func directiveForAnotherAnalyzer(p weak.Pointer[Node]) string {
	//weaklint:ignore cleanupref names another analyzer
	return p.Value().Name // want `possible nil dereference`
}

func bareDirective(p weak.Pointer[Node]) string {
	//weaklint:ignore
	return p.Value().Name // want `possible nil dereference`
}
