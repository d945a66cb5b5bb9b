// Package gonepaths checks functions that return nil on a path where a
// referent was found gone, through a check that does not dominate the
// return: an edge of a disjunction, a loop that skips reclaimed entries,
// the false ok of a getter. Their callers must check the result (or its ok
// or error) as they would a Value(). Beside them, nils that come from
// another failure (a strong fallback's miss, a nil field, an error of its
// own) on the way from the reclaimed entries to the return, which stay
// quiet. (A nil returned under the check itself, if v == nil { ...; return
// nil, err }, is the collector's: errwrap.)
package gonepaths

import (
	"errors"
	"fmt"
	"weak"
)

type Obj struct {
	Name  string
	Spec  int
	owner *Obj
}

type Index struct {
	owners map[string]weak.Pointer[Obj]
	strong map[string]*Obj
	list   []weak.Pointer[Obj]
}

// owner returns (nil, false) on both edges of the disjunction: the
// referent is gone, or it is another object.
func (ix *Index) owner(uid, name string) (*Obj, bool) {
	wp, ok := ix.owners[uid]
	if !ok {
		return nil, false
	}
	o := wp.Value()
	if o == nil || o.Name != name {
		return nil, false
	}
	return o, true
}

func ownerSpec(ix *Index, uid, name string) int {
	o, ok := ix.owner(uid, name)
	if !ok {
		println("owner gone") // does not stop
	}
	return o.Spec // want `possible nil dereference: ix.owner\(uid, name\) may return nil`
}

func ownerSpecChecked(ix *Index, uid, name string) int {
	o, ok := ix.owner(uid, name)
	if !ok {
		return 0
	}
	return o.Spec
}

// ownerOf forwards owner's result with the ok dropped.
func (ix *Index) ownerOf(dep *Obj) *Obj {
	if dep.owner == nil {
		return nil
	}
	o, _ := ix.owner(dep.owner.Name, dep.owner.Name)
	return o
}

func ownerName(ix *Index, dep *Obj) string {
	return ix.ownerOf(dep).Name // want `possible nil dereference: ix.ownerOf\(dep\) may return nil`
}

// firstLive returns nil after the loop, when every referent is gone.
func firstLive[T any](ps []weak.Pointer[T]) *T {
	for _, p := range ps {
		if v := p.Value(); v != nil {
			return v
		}
	}
	return nil
}

func newestName(ix *Index) string {
	o := firstLive(ix.list)
	return o.Name // want `possible nil dereference: firstLive\(ix.list\) may return nil`
}

func newestNameChecked(ix *Index) string {
	if o := firstLive(ix.list); o != nil {
		return o.Name
	}
	return ""
}

// firstNamed keeps the result in a variable, nil until a live one is found.
func firstNamed(ix *Index, name string) *Obj {
	var res *Obj
	for _, p := range ix.list {
		if v := p.Value(); v != nil && v.Name == name {
			res = v
			break
		}
	}
	return res
}

func namedSpec(ix *Index) int {
	return firstNamed(ix, "a").Spec // want `possible nil dereference: firstNamed\(ix, "a"\) may return nil`
}

var ErrNoLease = errors.New("no lease")

type cache struct{ m map[string]weak.Pointer[Obj] }

func (c *cache) load(k string) (*Obj, bool) {
	wp, ok := c.m[k]
	if !ok {
		return nil, false
	}
	v := wp.Value()
	return v, v != nil
}

// lease returns nil with an error when load's ok is false.
func lease(c *cache, name string) (*Obj, error) {
	l, ok := c.load(name)
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, ErrNoLease)
	}
	return l, nil
}

func transitions(c *cache) int {
	l, err := lease(c, "x")
	if err != nil {
		println(err.Error()) // only logged
	}
	return l.Spec // want `possible nil dereference: lease\(c, "x"\) may return nil`
}

func transitionsChecked(c *cache) int {
	l, err := lease(c, "x")
	if errors.Is(err, ErrNoLease) {
		return 0
	}
	if err != nil {
		return -1
	}
	return l.Spec
}

// Quiet: after the loop that skips reclaimed entries, the nil returned is
// the strong fallback's miss, not the collector's: callers that know their
// key is there may use the result.
func (ix *Index) withFallback(k string) *Obj {
	for _, p := range ix.list {
		if v := p.Value(); v != nil && v.Name == k {
			return v
		}
	}
	o, ok := ix.strong[k]
	if !ok {
		return nil
	}
	return o
}

func fallbackSpec(ix *Index) int {
	return ix.withFallback("known").Spec
}

// Quiet: nil only for an object without an owner, whatever the referents.
func (ix *Index) parentOf(o *Obj) *Obj {
	for _, p := range ix.list {
		if v := p.Value(); v != nil && v.owner == o {
			return v
		}
	}
	if o.owner == nil {
		return nil
	}
	return o.owner
}

func parentSpec(ix *Index, o *Obj) int {
	return ix.parentOf(o).Spec
}

// Quiet: nil with an error of its own, whatever the referents.
func (ix *Index) loadOrDecode(k string, decode func(string) (*Obj, error)) *Obj {
	for _, p := range ix.list {
		if v := p.Value(); v != nil && v.Name == k {
			return v
		}
	}
	o, err := decode(k)
	if err != nil {
		return nil
	}
	return o
}

func decodedSpec(ix *Index, decode func(string) (*Obj, error)) int {
	return ix.loadOrDecode("k", decode).Spec
}

// Quiet: a search over a strong list, no referent.
func (ix *Index) find(name string) *Obj {
	for _, o := range ix.strong {
		if o.Name == name {
			return o
		}
	}
	return nil
}

func foundSpec(ix *Index) int {
	return ix.find("x").Spec
}
