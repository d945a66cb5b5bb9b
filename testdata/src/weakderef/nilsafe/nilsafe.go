// Package nilsafe calls the methods of package pb, which has no weak code,
// on possibly reclaimed referents: nil-safe getters are quiet, the other
// methods are reported.
package nilsafe

import (
	"weak"

	"weakderef/nilsafe/pb"
)

func name(wp weak.Pointer[pb.User]) string {
	u := wp.Value()
	return u.GetName()
}

func city(wp weak.Pointer[pb.User]) string {
	return wp.Value().GetAddr().GetCity()
}

func roles(wp weak.Pointer[pb.User]) int {
	return len(wp.Value().GetRoles())
}

func touch(wp weak.Pointer[pb.User]) {
	u := wp.Value()
	u.Touch() // want `possible nil dereference`
}

func describe(wp weak.Pointer[pb.User]) string {
	return wp.Value().Describe() // want `possible nil dereference`
}

// A nil-safe getter as a method value is quiet too.
func getter(wp weak.Pointer[pb.User]) func() string {
	return wp.Value().GetName
}

func hasName(wp weak.Pointer[pb.User]) bool {
	return wp.Value().HasName()
}

func namedFirst(wp weak.Pointer[pb.User]) bool {
	return wp.Value().NamedFirst() // want `possible nil dereference`
}
