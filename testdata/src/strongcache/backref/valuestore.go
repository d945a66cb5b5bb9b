package backref

import "weak"

// A weak-keyed map whose values can reach the key is reported where an
// entry is stored with a value that holds its own key, the line that
// creates the back reference (once: rule 1 does not report the same
// store); at the declaration when no such store is seen (the values are
// built by a call).

type meta struct {
	sess  *T
	count int
}

type hub struct {
	sessMeta map[weak.Pointer[T]]*meta
	built    map[weak.Pointer[T]]*meta // want `values of hub.built reach their weak key \*T: each entry keeps its own key alive`
}

func (h *hub) connect(s *T) {
	h.sessMeta[weak.Make(s)] = &meta{sess: s} // want `values of hub.sessMeta reach their weak key \*T: the value stored here holds s`
	wp := weak.Make(s)
	h.sessMeta[wp] = &meta{count: 1, sess: s} // want `values of hub.sessMeta reach their weak key \*T: the value stored here holds s`
	h.built[weak.Make(s)] = newMeta(s)        // want `s \(inside what newMeta returns\) is stored strongly in h.built`
}

func newMeta(s *T) *meta { return &meta{sess: s} }

func (h *hub) disconnect(s *T) {
	delete(h.sessMeta, weak.Make(s))
	delete(h.built, weak.Make(s))
}

// Quiet: an entry whose value does not hold its key (only a count) creates
// no back reference, although the value type could.
func (h *hub) count(s *T) {
	h.sessMeta[weak.Make(s)] = &meta{count: 1}
}
