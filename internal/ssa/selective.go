// Copyright 2013 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package ssa

// This file is weaklint's, not upstream's (see README.md): building some of
// a package's functions rather than all of them.

// BuildFuncs builds the bodies of the given functions of p, which must be
// functions that p created from syntax (declared functions and methods,
// not anonymous ones, as returned by Program.FuncValue), or p's package
// initializer (Package.Func("init")). Each one's anonymous functions are
// built with it, as in Build, and so are the functions the builder creates
// for what they use (generic instances, wrappers); p's other functions are
// left unbuilt (no Blocks) until a later BuildFuncs or Build builds them.
//
// A function's body does not depend on which other functions are built, so
// each built function is the one Build would have built, instruction for
// instruction (TestBuildFuncsMatchesBuild).
//
// weaklint's analyzers look at a handful of a package's functions (those
// that may reach a cleanup or weak-pointer API); building every function of
// a large package (net, crypto/tls, a test package) for them was a fifth of
// the CPU of go vet's units that type-check (internal/vetgate).
//
// BuildFuncs is idempotent, but, unlike Build, not safe for concurrent use
// with itself or Build on the same package: the caller serializes them.
// Already built functions may be read meanwhile: building others does not
// change them.
func (p *Package) BuildFuncs(fns []*Function) {
	if p.info == nil {
		return // built in full (Build drops the syntax), or synthetic
	}
	b := builder{fns: make([]*Function, 0, len(fns))}
	for _, fn := range fns {
		if fn.Pkg != p || fn.parent != nil {
			panic("BuildFuncs: " + fn.String() + " is not a function that " + p.String() + " created")
		}
		if fn.build != nil {
			b.fns = append(b.fns, fn)
		}
	}
	b.iterate()
}
