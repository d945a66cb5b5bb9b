// Package funcfields calls functions stored in struct fields: the functions
// this package stores there are what such a call may run, so a field set
// to a getter of weak referents returns possibly reclaimed referents.
package funcfields

import "weak"

type Doc struct{ Title string }

type registry struct {
	byID map[int]weak.Pointer[Doc]
}

func (r *registry) lookup(id int) *Doc { return r.byID[id].Value() }

func (r *registry) lookupOr(id int) *Doc {
	if d := r.byID[id].Value(); d != nil {
		return d
	}
	return &Doc{}
}

func latest(p weak.Pointer[Doc]) *Doc { return p.Value() }

// Reader holds its getters in fields, set by the constructors below.
type Reader struct {
	find  func(int) *Doc
	safe  func(int) *Doc
	head  func(weak.Pointer[Doc]) *Doc
	fresh func() *Doc
}

func NewReader(r *registry) *Reader {
	return &Reader{
		find:  r.lookup,   // a method value
		safe:  r.lookupOr, // never nil
		head:  latest,     // a declared function
		fresh: func() *Doc { return &Doc{} },
	}
}

func (rd *Reader) Title(id int) string {
	return rd.find(id).Title // want `possible nil dereference: rd.find\(id\) may return nil`
}

func (rd *Reader) SafeTitle(id int) string { return rd.safe(id).Title }

func (rd *Reader) HeadTitle(p weak.Pointer[Doc]) string {
	return rd.head(p).Title // want `possible nil dereference: rd.head\(p\) may return nil`
}

func (rd *Reader) CheckedTitle(id int) string {
	if d := rd.find(id); d != nil {
		return d.Title
	}
	return ""
}

func (rd *Reader) FreshTitle() string { return rd.fresh().Title }

// A field set in two places: one may return nil, so a call may.
type Loader struct{ load func() *Doc }

func (l *Loader) Pin(d *Doc) { l.load = func() *Doc { return d } }

func (l *Loader) Track(p weak.Pointer[Doc]) { l.load = func() *Doc { return p.Value() } }

func (l *Loader) Title() string {
	return l.load().Title // want `possible nil dereference: l.load\(\) may return nil`
}

// A struct value's field, called through a value receiver.
type hooks struct{ current func() *Doc }

func newHooks(p weak.Pointer[Doc]) hooks {
	return hooks{current: func() *Doc { return p.Value() }}
}

func (h hooks) title() string {
	return h.current().Title // want `possible nil dereference: h.current\(\)`
}

// The field of a struct value returned by a call.
func hookTitle(p weak.Pointer[Doc]) string {
	return newHooks(p).current().Title // want `possible nil dereference: newHooks\(p\).current\(\)`
}
