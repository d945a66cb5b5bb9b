package weakderef

import "fmt"

// maybeNilFact marks a function that returns a possibly reclaimed weak
// referent without checking it, so its callers must check the result.
//
// It is exported only for functions that do so, which keeps facts rare: a
// package none of whose dependencies exported one, and that does not import
// weak or runtimeweak itself, cannot contain what this analyzer reports.
type maybeNilFact struct {
	Results []maybeNilResult
}

// maybeNilResult describes one possibly nil result.
type maybeNilResult struct {
	Index int // index of the pointer result
	OK    int // index of a bool result true only when the pointer is non-nil, or -1
}

func (*maybeNilFact) AFact() {}

func (f *maybeNilFact) String() string {
	s := "maybeNil("
	for i, r := range f.Results {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprint(r.Index)
		if r.OK >= 0 {
			s += fmt.Sprintf(" ok=%d", r.OK)
		}
	}
	return s + ")"
}

// result returns the description of result i, if it may be nil.
func (f *maybeNilFact) result(i int) (maybeNilResult, bool) {
	for _, r := range f.Results {
		if r.Index == i {
			return r, true
		}
	}
	return maybeNilResult{}, false
}

// okFor returns the pointer result guarded by the bool result j, if any.
func (f *maybeNilFact) okFor(j int) (maybeNilResult, bool) {
	for _, r := range f.Results {
		if r.OK == j && r.OK >= 0 {
			return r, true
		}
	}
	return maybeNilResult{}, false
}
