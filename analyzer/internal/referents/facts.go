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
	Results   []MaybeNil // sorted by Index, then Field
	Callbacks []Callback // sorted
	// SendsOn lists, sorted, the channel parameters (a method's receiver
	// is 0) that the function sends possibly reclaimed referents on
	// unchecked, itself, in a closure, or through a function it passes the
	// channel to: what the caller receives from a channel it passed there
	// may be nil (sendson.go).
	SendsOn []int
}

// A Callback describes a function parameter that the function (Result
// -1), or the function it returns as result Result, calls with a possibly
// reclaimed referent as argument Arg, unchecked: an iterator's yield
// (func(yield func(K, *V) bool) { ... yield(k, w.Value()) ... }), or a
// callback (func each(f func(*V)) { for ... { f(w.Value()) } }). The
// parameter of the function passed there is then a possibly reclaimed
// referent: for _, v := range m.Entries() { v.X } is a use. Field, when
// not -1, is the pointer field of the struct argument that holds the
// referent (yield(Hit{Parent: n.parent.Value()}): for hit := range
// t.Query() { hit.Parent.X } is a use).
type Callback struct {
	Result, Param, Arg, Field int
}

func compareCallbacks(a, b Callback) int {
	if a.Result != b.Result {
		return a.Result - b.Result
	}
	if a.Param != b.Param {
		return a.Param - b.Param
	}
	if a.Arg != b.Arg {
		return a.Arg - b.Arg
	}
	return a.Field - b.Field
}

// MaybeNil describes one result (or one field of a struct result) that may
// be a reclaimed referent, and the condition under which it is nil.
type MaybeNil struct {
	Index int // the result
	Field int // the field of a struct result that holds the referent, -1 for the result itself, Elements for a slice result's elements
	OK    int // a bool result true only when this one is non-nil (return v, v != nil), or -1
	Err   int // an error result non-nil whenever this one is nil (return nil, ErrGone), or -1
	// (For a field, OK and Err are fields of the same struct:
	// return result{Err: ErrGone}, with the pointer field left nil.)
	// Sentinels: when this result is nil, the Err result matches (for
	// errors.Is and errors.As) every key of one of these groups, or none
	// known (errkeys.go: a sentinel variable path.name, a concrete error
	// type). Each group is sorted, and so are the groups.
	Sentinels [][]string
	// AllErrs: every non-nil Err result, not only those returned with a
	// nil referent, matches one group of Sentinels (func get(k) (*T,
	// error) whose only error is ErrGone): a caller returning that error
	// returns one that matches them too.
	AllErrs bool
	// Methods: for Field == Boxed, the methods of the interface result
	// whose implementation on the boxed pointer dereferences it (sorted).
	Methods []string
}

func (*Fact) AFact() {}

func (f *Fact) String() string {
	s := "maybeNil("
	for i, r := range f.Results {
		if i > 0 {
			s += ", "
		}
		if r.Field == Out {
			s += "out "
		}
		s += fmt.Sprint(r.Index)
		switch {
		case r.Field >= 0:
			s += fmt.Sprintf(".%d", r.Field)
		case r.Field == Elements:
			s += "[]"
		case r.Field <= elemFieldBase:
			s += fmt.Sprintf("[].%d", elemFieldOf(r.Field))
		case r.Field == Boxed:
			s += " boxed"
			for k, m := range r.Methods {
				sep := " "
				if k > 0 {
					sep = ","
				}
				s += sep + m
			}
		}
		if r.OK >= 0 {
			s += fmt.Sprintf(" ok=%d", r.OK)
		}
		if r.Err >= 0 {
			s += fmt.Sprintf(" err=%d", r.Err)
		}
		for k, group := range r.Sentinels {
			sep := " is "
			if k > 0 {
				sep = "|"
			}
			s += sep
			for n, key := range group {
				if n > 0 {
					s += "&"
				}
				if strings.HasPrefix(key, "*") {
					s += "*"
				}
				s += key[strings.LastIndex(key, "/")+1:]
			}
		}
		if r.AllErrs {
			s += " always"
		}
	}
	for _, p := range f.SendsOn {
		if s != "maybeNil(" {
			s += ", "
		}
		s += fmt.Sprintf("sends on %d", p)
	}
	for i, cb := range f.Callbacks {
		if i > 0 || len(f.Results) > 0 || len(f.SendsOn) > 0 {
			s += ", "
		}
		if cb.Result >= 0 {
			s += fmt.Sprintf("%d:", cb.Result)
		}
		s += fmt.Sprintf("calls %d with %d", cb.Param, cb.Arg)
		if cb.Field >= 0 {
			s += fmt.Sprintf(".%d", cb.Field)
		}
	}
	return s + ")"
}

// callbacksOf returns the callbacks of result (-1: the function itself).
func (f *Fact) callbacksOf(result int) []Callback {
	if f == nil {
		return nil
	}
	var out []Callback
	for _, cb := range f.Callbacks {
		if cb.Result == result {
			out = append(out, cb)
		}
	}
	return out
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
		if r.OK == j && r.OK >= 0 && r.Field == -1 {
			return r, true
		}
	}
	return MaybeNil{}, false
}

// errFor returns the pointer results guarded by the error result j.
func (f *Fact) errFor(j int) []MaybeNil {
	var out []MaybeNil
	for _, r := range f.Results {
		if r.Err == j && r.Err >= 0 && r.Field == -1 {
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
	return r.Index == s.Index && r.Field == s.Field && r.OK == s.OK && r.Err == s.Err &&
		r.AllErrs == s.AllErrs && slices.EqualFunc(r.Sentinels, s.Sentinels, slices.Equal) && slices.Equal(r.Methods, s.Methods)
}

// meet is what holds of a result described both as r and s: each guard
// only if both say so.
func (r MaybeNil) meet(s MaybeNil) MaybeNil {
	r.Methods = joinNames(r.Methods, s.Methods) // (a boxed pointer: dereferenced by either's)
	if r.OK != s.OK {
		r.OK = -1
	}
	if r.Err != s.Err {
		r.Err = -1
	}
	if r.Err < 0 || len(r.Sentinels) == 0 || len(s.Sentinels) == 0 {
		r.Sentinels, r.AllErrs = nil, false
	} else {
		// nil with one of r's groups or one of s's.
		r.Sentinels = joinGroups(r.Sentinels, s.Sentinels)
		r.AllErrs = r.AllErrs && s.AllErrs
	}
	return r
}

// joinGroups returns the sorted union of two sorted lists of key groups.
func joinGroups(a, b [][]string) [][]string {
	out := slices.Concat(a, b)
	slices.SortFunc(out, slices.Compare)
	return slices.CompactFunc(out, slices.Equal)
}

func sortResults(rs []MaybeNil) {
	slices.SortFunc(rs, func(a, b MaybeNil) int {
		if a.Index != b.Index {
			return a.Index - b.Index
		}
		return a.Field - b.Field
	})
}
