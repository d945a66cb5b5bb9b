// Copyright 2013 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package ssa

// This file is weaklint's, not upstream's (see README.md): lazy creation of
// the members of packages created from type information only.

import (
	"go/types"
	"sync"

	"github.com/weaklint/weaklint/internal/ssa/internal/typesinternal"
)

// lazyMembers records which members of a package created without syntax
// (from export data: CreatePackage with no files) exist yet.
//
// Upstream creates a member for every package-level object of such a package
// and every method of its named types when the package is created: thousands
// of Functions for net/http or os, and the decoding of every one of their
// objects from export data, though the package built from syntax refers to a
// handful. The fork creates the members of a name on its first lookup
// instead, exactly as upstream's CreatePackage would have (the same Function,
// Global, NamedConst and Type values), and all of them before anything reads
// the whole Members map (printing, findNamedFunc).
//
// Lookups come from the builder's goroutines and from clients calling
// Program.FuncValue or MethodValue concurrently after Build, so creation and
// every read of Members and objects of a lazy package hold mu.
type lazyMembers struct {
	mu   sync.Mutex
	done map[string]bool // package-scope names whose members exist; nil once all do
}

// lookupObject returns the member of p for the package-level object or
// method obj, as p.objects[obj], creating it first if p is lazy.
func (p *Package) lookupObject(obj types.Object) Member {
	if p.lazy == nil {
		return p.objects[obj]
	}
	p.lazy.mu.Lock()
	defer p.lazy.mu.Unlock()
	if m, ok := p.objects[obj]; ok || p.lazy.done == nil {
		return m
	}
	name := obj.Name()
	if fn, ok := obj.(*types.Func); ok && fn.Signature().Recv() != nil {
		// A method's member is created with its receiver's type.
		_, named := typesinternal.RecvBase(fn)
		if named == nil {
			return nil // interface method
		}
		name = named.Obj().Name()
	}
	p.createMembersOf(name)
	return p.objects[obj]
}

// lookupMember returns p.Members[name], creating it first if p is lazy.
func (p *Package) lookupMember(name string) Member {
	if p.lazy == nil {
		return p.Members[name]
	}
	p.lazy.mu.Lock()
	defer p.lazy.mu.Unlock()
	if p.lazy.done != nil {
		p.createMembersOf(name)
	}
	return p.Members[name]
}

// createAllMembers creates every member of p that upstream's CreatePackage
// would have, so that p.Members and p.objects are complete and, from then
// on, never written: callers may read them without the lock.
func (p *Package) createAllMembers() {
	if p.lazy == nil {
		return
	}
	p.lazy.mu.Lock()
	defer p.lazy.mu.Unlock()
	if p.lazy.done == nil {
		return
	}
	for _, name := range p.Pkg.Scope().Names() {
		p.createMembersOf(name)
	}
	p.lazy.done = nil
}

// createMembersOf creates the members for the package-scope object called
// name, as upstream's CreatePackage does for a package without syntax: the
// object's member and, for a defined type, one for each of its methods.
// Called with p.lazy.mu held; does nothing the second time for a name.
func (p *Package) createMembersOf(name string) {
	if p.lazy.done[name] {
		return
	}
	p.lazy.done[name] = true
	obj := p.Pkg.Scope().Lookup(name)
	if obj == nil {
		return
	}
	memberFromObject(p, obj, nil, "")
	if obj, ok := obj.(*types.TypeName); ok {
		// No Unalias: aliases should not duplicate methods.
		if named, ok := obj.Type().(*types.Named); ok {
			for i, n := 0, named.NumMethods(); i < n; i++ {
				memberFromObject(p, named.Method(i), nil, "")
			}
		}
	}
}
