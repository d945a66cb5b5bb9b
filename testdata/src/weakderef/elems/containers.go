package elems

import "weak"

// Maps and channels filled with referents unchecked, returned or read
// back locally (adapted from adversarial round 7: f_game replay.Index,
// f_ml registry.newestByName and batch.stream, f_search Result.ByVersion
// and Engine.WarmSizes). Beside them, containers that keep only checked
// referents, and values checked after they are read.

type Doc struct{ Version int }

type Slot struct {
	id  string
	doc weak.Pointer[Doc]
}

func index(ss []Slot) map[string]*Doc {
	out := make(map[string]*Doc, len(ss))
	for _, s := range ss {
		out[s.id] = s.doc.Value()
	}
	return out
}

func indexLive(ss []Slot) map[string]*Doc {
	out := make(map[string]*Doc, len(ss))
	for _, s := range ss {
		if d := s.doc.Value(); d != nil {
			out[s.id] = d
		}
	}
	return out
}

func version(ss []Slot, id string) int {
	d, ok := index(ss)[id]
	if !ok {
		return 0
	}
	return d.Version // want `possible nil dereference: an element of index\(ss\) may be nil`
}

func versionChecked(ss []Slot, id string) int {
	d, ok := index(ss)[id]
	if !ok || d == nil {
		return 0
	}
	return d.Version
}

func versionDirect(ss []Slot, id string) int {
	return index(ss)[id].Version // want `possible nil dereference: an element of index\(ss\) may be nil`
}

func versionLive(ss []Slot, id string) int {
	return indexLive(ss)[id].Version // (a missing key gives nil too, but that is not weakderef's)
}

func total(ss []Slot) int {
	n := 0
	for _, d := range index(ss) {
		n += d.Version // want `possible nil dereference: an element of index\(ss\) may be nil`
	}
	for _, d := range indexLive(ss) {
		n += d.Version
	}
	return n
}

func stream(ss []Slot) <-chan *Doc {
	ch := make(chan *Doc, len(ss))
	for _, s := range ss {
		ch <- s.doc.Value()
	}
	close(ch)
	return ch
}

func streamLive(ss []Slot) <-chan *Doc {
	ch := make(chan *Doc, len(ss))
	for _, s := range ss {
		if d := s.doc.Value(); d != nil {
			ch <- d
		}
	}
	close(ch)
	return ch
}

func streamed(ss []Slot) int {
	n := 0
	for d := range stream(ss) {
		n += d.Version // want `possible nil dereference: an element of stream\(ss\) may be nil`
	}
	for d := range streamLive(ss) {
		n += d.Version
	}
	if d, ok := <-stream(ss); ok {
		n += d.Version // want `possible nil dereference: an element of stream\(ss\) may be nil`
	}
	return n
}

func streamedChecked(ss []Slot) int {
	n := 0
	for d := range stream(ss) {
		if d != nil {
			n += d.Version
		}
	}
	return n
}

// A local map or channel filled unchecked and read back.
func localMap(ss []Slot) int {
	docs := make(map[string]*Doc, len(ss))
	for _, s := range ss {
		docs[s.id] = s.doc.Value()
	}
	n := 0
	for _, d := range docs {
		n += d.Version // want `possible nil dereference: s.doc.Value\(\) returns nil`
	}
	return n
}

func localMapLive(ss []Slot) int {
	docs := make(map[string]*Doc, len(ss))
	for _, s := range ss {
		d := s.doc.Value()
		if d == nil {
			continue
		}
		docs[s.id] = d
	}
	n := 0
	for _, d := range docs {
		n += d.Version
	}
	return n
}

func localChan(ss []Slot) int {
	ch := make(chan *Doc, len(ss))
	for _, s := range ss {
		ch <- s.doc.Value()
	}
	close(ch)
	n := 0
	for d := range ch {
		n += d.Version // want `possible nil dereference: s.doc.Value\(\) returns nil`
	}
	return n
}

func localChanLive(ss []Slot) int {
	ch := make(chan *Doc, len(ss))
	for _, s := range ss {
		if d := s.doc.Value(); d != nil {
			ch <- d
		}
	}
	close(ch)
	n := 0
	for d := range ch {
		n += d.Version
	}
	return n
}

// A map the caller adds its own values to: not all the callee's.
func versionAfterStore(ss []Slot, id string, own *Doc) int {
	m := index(ss)
	m[id] = own
	return m[id].Version
}

// A closure capturing the value of a range over a map its maker fills: the
// stores are the maker's, judged with the maker's facts, not the closure's
// (the closure's walk once looked the maker's blocks up in its own and
// panicked). Not followed into the closure: quiet.
func versionsLater(ss []Slot, k int) []func() int {
	docs := make(map[string]*Doc, len(ss))
	for i, s := range ss {
		if i == k {
			continue
		}
		if i > k && s.id == "" {
			break
		}
		docs[s.id] = s.doc.Value()
	}
	var out []func() int
	for _, d := range docs {
		out = append(out, func() int { return d.Version })
	}
	return out
}
