// Package typeparams converts possibly reclaimed referents to a type
// parameter constrained to their pointer type, and calls the constraint's
// methods on them: the method runs on the possibly nil pointer. (Adapted
// from adversarial round 10: i_sched cache.TouchNewest.)
package typeparams

import "weak"

type Toucher[T any] interface {
	*T
	Touch()
}

func TouchNewest[T any, P Toucher[T]](ps []weak.Pointer[T]) {
	if len(ps) == 0 {
		return
	}
	P(ps[len(ps)-1].Value()).Touch() // want `possible nil dereference: ps\[len\(ps\) - 1\].Value\(\) returns nil`
}

func TouchFirst[T any, P Toucher[T]](ps []weak.Pointer[T]) {
	v := ps[0].Value()
	p := P(v)
	p.Touch() // want `possible nil dereference: ps\[0\].Value\(\) returns nil`
}

// Quiet look-alikes.

func TouchAll[T any, P Toucher[T]](ps []weak.Pointer[T]) int {
	n := 0
	for _, wp := range ps {
		if v := wp.Value(); v != nil {
			P(v).Touch()
			n++
		}
	}
	return n
}

func TouchIfLive[T any, P Toucher[T]](wp weak.Pointer[T]) {
	p := P(wp.Value())
	if p != nil {
		p.Touch()
	}
}
