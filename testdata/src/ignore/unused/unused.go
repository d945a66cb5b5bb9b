package unused

import (
	"runtime"
	"weak"
)

type T struct{ Name string }

// Directives that silence a report: quiet.

func pinned(p weak.Pointer[T]) string {
	return p.Value().Name //weaklint:ignore weakderef the caller keeps the referent alive
}

func pinnedAbove(p weak.Pointer[T]) string {
	//weaklint:ignore all the caller keeps the referent alive
	return p.Value().Name
}

type file struct{ fd int }

func selfCleanup(f *file) {
	runtime.AddCleanup(f, func(int) { _ = f.fd }, 0) //weaklint:ignore cleanupref the leak is under test
}

// Directives that silence nothing: each stale name is reported.

func fixed(p weak.Pointer[T]) string {
	if v := p.Value(); v != nil {
		/* want `//weaklint:ignore weakderef silences nothing: weakderef reports nothing on this line or the next` */ //weaklint:ignore weakderef fixed long ago
		return v.Name
	}
	return ""
}

func nothingHere() int {
	/* want `//weaklint:ignore all silences nothing` */ //weaklint:ignore all left behind
	return 1
}

func partly(p weak.Pointer[T]) string {
	return p.Value().Name /* want `//weaklint:ignore cleanupref silences nothing` */ //weaklint:ignore weakderef,cleanupref pinned
}

// A directive two lines above its report does not reach it.
func tooFar(p weak.Pointer[T]) string {
	/* want `//weaklint:ignore weakderef silences nothing` */ //weaklint:ignore weakderef pinned

	return p.Value().Name
}

// Malformed directives are ignoredirective's business, and unknown names
// too: quiet here.
func malformed(p weak.Pointer[T]) string {
	//weaklint:ignore weakderef
	_ = p.Value().Name //weaklint:ignore nosuch a typo
	return ""
}
