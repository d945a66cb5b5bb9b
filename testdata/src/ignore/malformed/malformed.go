package malformed

import "weak"

type T struct{ Name string }

func noReason(p weak.Pointer[T]) string {
	/* want `//weaklint:ignore without a reason silences nothing` */ //weaklint:ignore weakderef
	return p.Value().Name
}

func typo(p weak.Pointer[T]) string {
	return p.Value().Name /* want `unknown analyzer "weakdref" in //weaklint:ignore` */ //weaklint:ignore weakdref pinned by the caller
}

func oneOfTwo(p weak.Pointer[T]) string {
	return p.Value().Name /* want `unknown analyzer "cleanupreff"` */ //weaklint:ignore weakderef,cleanupreff pinned
}

func noNames() {
	/* want `//weaklint:ignore names no analyzer` */ //weaklint:ignore
}

func tab(p weak.Pointer[T]) string {
	return p.Value().Name //weaklint:ignore	weakderef	pinned by the caller
}

// Look-alikes that are not directives: quiet.

//weaklint:ignored is another word
// weaklint:ignore with a space is prose
/* //weaklint:ignore in a block comment is prose */

func fine(p weak.Pointer[T]) string {
	return p.Value().Name //weaklint:ignore all pinned by the caller
}
