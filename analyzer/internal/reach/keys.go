package reach

import (
	"fmt"
	"go/token"

	"github.com/weaklint/weaklint/internal/ssa"
)

// A key names what a value is, as an access path from a root value: "the
// root itself", "the address of field 2 of what root points to", "the value
// loaded from there". Two values with a common key are the same pointer; a
// key that extends another designates memory reached from it. A value may
// have several keys (φ-nodes, variables assigned on several paths).
type key struct {
	root ssa.Value
	path string // a sequence of steps, each ending in '/'
}

// Steps of a key's path.
const (
	load     = "*/"   // *x
	interior = "&"    // &x.f, &x[i]: prefix of a field or index step
	sliced   = "[:]/" // x[:]
)

// Limits that keep the work per value small on generated code.
const (
	maxKeys    = 16
	maxPathLen = 64
)

// keysOf returns the keys of v, computing and caching them.
func (q *Query) keysOf(v ssa.Value) []key {
	if ks, ok := q.keys[v]; ok {
		return ks
	}
	if q.keys == nil {
		q.keys = make(map[ssa.Value][]key)
	}
	q.keys[v] = []key{{root: v}} // a cycle through v (φ, variable) adds nothing
	ks := q.computeKeys(v)
	if len(ks) == 0 || len(ks) > maxKeys {
		ks = []key{{root: v}}
	}
	q.keys[v] = ks
	return ks
}

func (q *Query) computeKeys(v ssa.Value) []key {
	switch v := v.(type) {
	case *ssa.ChangeType:
		return q.keysOf(v.X)
	case *ssa.MakeInterface:
		return q.keysOf(v.X)
	case *ssa.ChangeInterface:
		return q.keysOf(v.X)
	case *ssa.Convert:
		if !copies(v) {
			return q.keysOf(v.X)
		}
	case *ssa.MultiConvert:
		return q.keysOf(v.X)
	case *ssa.SliceToArrayPointer:
		return q.keysOf(v.X)
	case *ssa.TypeAssert:
		if !v.CommaOk {
			return q.keysOf(v.X)
		}
	case *ssa.Phi:
		var ks []key
		for _, e := range v.Edges {
			ks = appendKeys(ks, q.keysOf(e)...)
		}
		return ks
	case *ssa.UnOp:
		if v.Op != token.MUL {
			break
		}
		if a, ok := v.X.(*ssa.Alloc); ok && isPlainVariable(a) {
			// A local variable that is only stored to and loaded from:
			// its value is whatever was stored.
			var ks []key
			for _, r := range *a.Referrers() {
				if st, ok := r.(*ssa.Store); ok && st.Addr == a {
					ks = appendKeys(ks, q.keysOf(st.Val)...)
				}
			}
			return ks
		}
		return q.extend(v.X, load)
	case *ssa.FieldAddr:
		return q.extend(v.X, fmt.Sprintf("%s.%d/", interior, v.Field))
	case *ssa.Field:
		return q.extend(v.X, fmt.Sprintf(".%d/", v.Field))
	case *ssa.IndexAddr:
		return q.extend(v.X, interior+"[]/")
	case *ssa.Index:
		return q.extend(v.X, "[]/")
	case *ssa.Slice:
		return q.extend(v.X, sliced)
	}
	return []key{{root: v}}
}

// extend returns the keys of x, each followed by step.
func (q *Query) extend(x ssa.Value, step string) []key {
	var ks []key
	for _, k := range q.keysOf(x) {
		if len(k.path)+len(step) > maxPathLen {
			return nil
		}
		ks = appendKeys(ks, key{root: k.root, path: k.path + step})
	}
	return ks
}

func appendKeys(ks []key, more ...key) []key {
outer:
	for _, m := range more {
		for _, k := range ks {
			if k == m {
				continue outer
			}
		}
		ks = append(ks, m)
	}
	return ks
}

// isPlainVariable reports whether a is a local variable whose address is
// used only to store to it, load from it, or be captured by a closure: its
// value is then one of the values stored to it in this function.
func isPlainVariable(a *ssa.Alloc) bool {
	refs := a.Referrers()
	if refs == nil {
		return false
	}
	stored := false
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != a {
				return false // the variable's address is stored somewhere
			}
			stored = true
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.MakeClosure, *ssa.DebugRef:
		default:
			return false
		}
	}
	return stored
}
