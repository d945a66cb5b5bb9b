package storedfields

import "weak"

type Document struct {
	Version int
	Title   string
}

type Store struct {
	docs map[string]weak.Pointer[Document]
}

// Cached returns the document if it is still cached: nil when it is not,
// or was collected.
func (s *Store) Cached(id string) *Document { return s.docs[id].Value() }

// Get returns the document or a placeholder, never nil.
func (s *Store) Get(id string) *Document {
	if d := s.docs[id].Value(); d != nil {
		return d
	}
	return &Document{}
}

type Result struct {
	Hits []string
	top  *Document // from Cached: may be nil
	best *Document // from Get: never nil
}

var current struct{ doc *Document }

func Search(s *Store, q string) *Result {
	r := &Result{Hits: []string{q}}
	if len(r.Hits) > 0 {
		r.top = s.Cached(r.Hits[0])
		r.best = s.Get(r.Hits[0])
	}
	current.doc = s.Cached(q)
	return r
}

func (r *Result) TopVersion() int {
	return r.top.Version // want `field Result.top may be nil: Search stores s.Cached\(r.Hits\[0\]\) there without a nil check \(result.go:37\), and it may return nil`
}

func (r *Result) TopTitle() string {
	if r.top == nil {
		return ""
	}
	return r.top.Title
}

// A switch on the field guards it: quiet.
func (r *Result) TopKind() int {
	switch {
	case r.top == nil:
		return 0
	case r.top.Version > 1:
		return 2
	}
	return 1
}

func (r *Result) BestVersion() int { return r.best.Version }

// A package-level variable's field.
func CurrentVersion() int {
	return current.doc.Version // want `field struct{doc \*Document}.doc may be nil`
}

func CurrentTitle() string {
	if current.doc == nil {
		return ""
	}
	return current.doc.Title
}

// Reached from a parameter's field.
type Page struct{ res *Result }

func (p *Page) Version() int {
	return p.res.top.Version // want `field Result.top may be nil`
}

func (p *Page) Title() string {
	if p.res.top == nil {
		return ""
	}
	return p.res.top.Title
}

// A view filled from Cached and checked before it is returned.
type View struct{ doc *Document }

func NewView(s *Store, id string) *View {
	v := &View{doc: s.Cached(id)}
	if v.doc == nil {
		return nil
	}
	return v
}

// Only checked views are handed out: quiet.
func (v *View) Version() int { return v.doc.Version }
