// Package pubcode holds the shapes of public code that weakderef judged
// wrongly (missed or reported falsely), each with its quiet look-alike.
package pubcode

import "weak"

type manager struct {
	minimized bool
	elems     []int
	count     int
}

func (m *manager) forEach(f func(int)) {
	for _, e := range m.elems {
		f(e)
	}
}

// update dereferences its receiver on every path, though the closure it
// makes captures the receiver (so the body reads it through a heap cell).
func (m *manager) update() {
	if m.minimized {
		return
	}
	m.forEach(func(e int) { m.count += e })
}

// updateIfLive is nil-safe: it checks the captured receiver first.
func (m *manager) updateIfLive() {
	if m == nil {
		return
	}
	m.forEach(func(e int) { m.count += e })
}

func attach(register func(func())) {
	wm := weak.Make(&manager{})
	register(func() {
		if wm.Value() != nil {
			wm.Value().update() // want `wm.Value\(\) is called again after a nil check of an earlier call`
		}
	})
	register(func() {
		wm.Value().update() // want `possible nil dereference: wm.Value\(\) returns nil`
	})
	register(func() {
		if m := wm.Value(); m != nil {
			m.update()
		}
	})
	register(func() {
		wm.Value().updateIfLive()
	})
}
