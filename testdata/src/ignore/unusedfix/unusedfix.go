package unusedfix

import "weak"

type T struct{ Name string }

func fixed(p weak.Pointer[T]) string {
	if v := p.Value(); v != nil {
		return v.Name /* want `weakderef silences nothing` */ //weaklint:ignore weakderef fixed long ago
	}
	return ""
}

func partly(p weak.Pointer[T]) string {
	return p.Value().Name /* want `cleanupref silences nothing` */ //weaklint:ignore weakderef,cleanupref pinned
}

func first(p weak.Pointer[T]) string {
	return p.Value().Name /* want `cleanupref silences nothing` */ //weaklint:ignore cleanupref,weakderef pinned
}
