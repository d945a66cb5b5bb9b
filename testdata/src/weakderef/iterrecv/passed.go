package iterrecv

import "iter"

// An iterator passed to a function that runs it on every path is run
// there: the receiver it closes over is dereferenced at the call. (Adapted
// from adversarial round 8: g_iot tsdb.Downsample(j.Target().Range(...)).)

func collect(seq iter.Seq[*Entity]) []string {
	var out []string
	for m := range seq {
		out = append(out, m.Name)
	}
	return out
}

func collectIf(seq iter.Seq[*Entity], ok bool) []string {
	if !ok {
		return nil
	}
	return collect(seq)
}

type holder struct{ seq iter.Seq[*Entity] }

func (h *holder) keep(seq iter.Seq[*Entity]) { h.seq = seq }

func lazy(seq iter.Seq[*Entity]) func() int {
	return func() int {
		n := 0
		for range seq {
			n++
		}
		return n
	}
}

func passedNames(e *Entity) []string {
	return collect(e.Room().Members()) // want `possible nil dereference: e.Room\(\) may return nil`
}

func passedSafe(e *Entity) []string {
	return collect(e.Room().SafeMembers())
}

func passedMaybe(e *Entity, ok bool) []string {
	return collectIf(e.Room().Members(), ok)
}

func passedKept(e *Entity, h *holder) {
	h.keep(e.Room().Members())
}

func passedLazy(e *Entity) func() int {
	return lazy(e.Room().Members())
}

func passedChecked(e *Entity) []string {
	r := e.Room()
	if r == nil {
		return nil
	}
	return collect(r.Members())
}
