package weakstore

import "weak"

// A referent that holds itself strongly is a cycle, which the collector
// reclaims: its weak pointer does die (kaiju's StageView, whose tools keep
// a strong pointer back to the view that owns them, and whose transform
// manager keeps a weak one).

type view struct {
	tools   toolSet
	manager transformManager
	onEvent func()
}

type toolSet struct{ owner *view }

type transformManager struct{ view weak.Pointer[view] }

func (m *transformManager) init(v *view) { m.view = weak.Make(v) }

func (t *toolSet) init(v *view) { t.owner = v }

func (v *view) handle() {}

// Quiet: the view keeps its weak pointer and a strong one to itself.
func (v *view) Initialize() { // want Initialize:`keeps\(weak \-1 in \[\-1\]\)`
	v.manager.init(v)
	v.tools.init(v)
	v.tools.owner = v
	v.onEvent = v.handle
}

// Positive: another object keeps both the weak pointer and the strong one.
type editor struct {
	manager transformManager
	tools   toolSet
}

func (e *editor) Open(v *view) { // want Open:`keeps\(weak 0 in \[\-1\]\)`
	e.manager.init(v)
	e.tools.init(v) // want `init stores v strongly \(in t.owner\), in the same e that holds its weak pointer`
}
