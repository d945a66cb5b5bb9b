// Package app holds pb's messages weakly: calling a nil-safe getter on a
// possibly reclaimed referent is quiet, calling another method is reported.
package app

import (
	"weak"

	"example.com/nilsafe/pb"
	"example.com/nilsafe/relay"
)

func Name(wp weak.Pointer[pb.User]) string { return wp.Value().GetName() }

func City(wp weak.Pointer[pb.User]) string { return wp.Value().GetAddr().GetCity() }

func Touch(wp weak.Pointer[pb.User]) { wp.Value().Touch() }

func Describe(wp weak.Pointer[pb.User]) string { return wp.Value().Describe() }

// Through relay, which does not export pb's methods' facts of its own.
func RelayName(wp weak.Pointer[relay.User]) string { return wp.Value().GetName() }

func Count(wp weak.Pointer[relay.Users]) int { return wp.Value().Len() }

func First(wp weak.Pointer[relay.Users]) *pb.User { return wp.Value().First() }

// pb's functions that dereference a parameter on every path.
func Greet(wp weak.Pointer[pb.User]) string { return pb.Greeting(wp.Value()) }

func Labeled(wp weak.Pointer[pb.User]) string { return pb.Label(wp.Value()) }

func Copy(u *relay.User, wp weak.Pointer[relay.User]) { u.CopyFrom(wp.Value()) }

// GetName(nil) is "": past a branch that leaves when it is "", u is not
// nil; past one that leaves when it is not, u may be.
func KnownAddr(wp weak.Pointer[pb.User]) *pb.Addr {
	u := wp.Value()
	if u.GetName() == "" {
		return nil
	}
	return u.Addr
}

func UnnamedAddr(wp weak.Pointer[pb.User]) *pb.Addr {
	u := wp.Value()
	if u.GetName() != "" {
		return nil
	}
	return u.Addr
}

// pb.Label(nil) is "", for a function's parameter.
func LabeledAddr(wp weak.Pointer[pb.User]) *pb.Addr {
	u := wp.Value()
	if pb.Label(u) == "" {
		return nil
	}
	return u.Addr
}
