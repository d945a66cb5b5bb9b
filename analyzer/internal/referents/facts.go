package referents

import (
	"fmt"
	"slices"
	"strings"
)

// A Fact marks a function that may return a possibly reclaimed weak
// referent without having checked it (a result of weak.Pointer.Value,
// runtimeweak's getters, or another such function), so its callers must
// check that result before using it.
//
// It is exported only for functions that do so, which keeps facts rare: a
// package none of whose dependencies exported one, and that does not import
// weak or runtimeweak itself, cannot contain such a function.
type Fact struct {
	Results []MaybeNil // sorted by Index, then Field
}

// MaybeNil describes one result (or one field of a struct result) that may
// be a reclaimed referent, and the condition under which it is nil.
type MaybeNil struct {
	Index int // the result
	Field int // the field of a struct result that holds the referent, or -1 for the result itself
	OK    int // a bool result true only when this one is non-nil (return v, v != nil), or -1
	Err   int // an error result non-nil whenever this one is nil (return nil, ErrGone), or -1
	// Sentinels: the package-level error variables (path.name, sorted), one
	// of which the Err result always is when this one is nil, or none.
	Sentinels []string
}

func (*Fact) AFact() {}

func (f *Fact) String() string {
	s := "maybeNil("
	for i, r := range f.Results {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprint(r.Index)
		if r.Field >= 0 {
			s += fmt.Sprintf(".%d", r.Field)
		}
		if r.OK >= 0 {
			s += fmt.Sprintf(" ok=%d", r.OK)
		}
		if r.Err >= 0 {
			s += fmt.Sprintf(" err=%d", r.Err)
		}
		for k, g := range r.Sentinels {
			sep := " is "
			if k > 0 {
				sep = "|"
			}
			s += sep + g[strings.LastIndex(g, "/")+1:]
		}
	}
	return s + ")"
}

// Result returns the description of result i itself (not a field of it),
// if it may be a reclaimed referent.
func (f *Fact) Result(i int) (MaybeNil, bool) { return f.Field(i, -1) }

// Field returns the description of field j of struct result i (j = -1: the
// result itself), if it may be a reclaimed referent.
func (f *Fact) Field(i, j int) (MaybeNil, bool) {
	if f == nil {
		return MaybeNil{}, false
	}
	for _, r := range f.Results {
		if r.Index == i && r.Field == j {
			return r, true
		}
	}
	return MaybeNil{}, false
}

// okFor returns the pointer result guarded by the bool result j, if any.
func (f *Fact) okFor(j int) (MaybeNil, bool) {
	for _, r := range f.Results {
		if r.OK == j && r.OK >= 0 && r.Field < 0 {
			return r, true
		}
	}
	return MaybeNil{}, false
}

// errFor returns the pointer results guarded by the error result j.
func (f *Fact) errFor(j int) []MaybeNil {
	var out []MaybeNil
	for _, r := range f.Results {
		if r.Err == j && r.Err >= 0 && r.Field < 0 {
			out = append(out, r)
		}
	}
	return out
}

func (f *Fact) index(i, field int) int {
	for k, r := range f.Results {
		if r.Index == i && r.Field == field {
			return k
		}
	}
	return -1
}

func (r MaybeNil) equal(s MaybeNil) bool {
	return r.Index == s.Index && r.Field == s.Field && r.OK == s.OK && r.Err == s.Err && slices.Equal(r.Sentinels, s.Sentinels)
}

// meet is what holds of a result described both as r and s: each guard
// only if both say so.
func (r MaybeNil) meet(s MaybeNil) MaybeNil {
	if r.OK != s.OK {
		r.OK = -1
	}
	if r.Err != s.Err {
		r.Err = -1
	}
	if r.Err < 0 || len(r.Sentinels) == 0 || len(s.Sentinels) == 0 {
		r.Sentinels = nil
	} else {
		// nil with one of r's or one of s's.
		r.Sentinels = slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(r.Sentinels), s.Sentinels...))))
	}
	return r
}

func sortResults(rs []MaybeNil) {
	slices.SortFunc(rs, func(a, b MaybeNil) int {
		if a.Index != b.Index {
			return a.Index - b.Index
		}
		return a.Field - b.Field
	})
}
