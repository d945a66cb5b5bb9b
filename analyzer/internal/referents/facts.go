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
	// Sentinel: the package-level error variable (path.name) that the Err
	// result always is when this one is nil, or "".
	Sentinel string
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
		if r.Sentinel != "" {
			s += " is " + r.Sentinel[strings.LastIndex(r.Sentinel, "/")+1:]
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

// meet is what holds of a result described both as r and s: each guard
// only if both say so.
func (r MaybeNil) meet(s MaybeNil) MaybeNil {
	if r.OK != s.OK {
		r.OK = -1
	}
	if r.Err != s.Err {
		r.Err = -1
	}
	if r.Err < 0 || r.Sentinel != s.Sentinel {
		r.Sentinel = ""
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
