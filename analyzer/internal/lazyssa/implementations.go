package lazyssa

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// Implementations returns the concrete types that the package shows to
// implement the interface type iface: those it converts to iface (a value
// assigned, passed or returned as one) and those it asserts to implement
// it in a package-level declaration (var _ I = (*T)(nil), which leaves no
// instruction in the SSA form). Other packages may implement iface too; the
// list is what this package knows. It is computed once, in one pass over
// the package's instructions and declarations, and cached.
func (s *SSA) Implementations(iface types.Type) []types.Type {
	s.implOnce.Do(func() { s.impls = implementations(s) })
	if ts, ok := s.impls.At(iface).([]types.Type); ok {
		return ts
	}
	return nil
}

// Implementers returns the methods that common, a call of an interface
// method (invoke mode), may run on the types of Implementations, or nil
// if the package shows none.
func (s *SSA) Implementers(common *ssa.CallCommon) []*types.Func {
	if !common.IsInvoke() {
		return nil
	}
	return s.MethodImplementers(common.Value.Type(), common.Method)
}

// MethodImplementers returns the methods that implement method of the
// interface type iface on the types of Implementations, or nil if the
// package shows none.
func (s *SSA) MethodImplementers(iface types.Type, method *types.Func) []*types.Func {
	var out []*types.Func
	for _, t := range s.Implementations(iface) {
		obj, _, _ := types.LookupFieldOrMethod(t, true, method.Pkg(), method.Name())
		m, ok := obj.(*types.Func)
		if !ok {
			return nil
		}
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

func implementations(s *SSA) *typeutil.Map {
	m := new(typeutil.Map)
	add := func(iface, concrete types.Type) {
		if concrete == nil || !types.IsInterface(iface) || types.IsInterface(concrete) {
			return
		}
		if b, ok := concrete.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			return // var _ I = nil
		}
		if it, ok := iface.Underlying().(*types.Interface); !ok || it.NumMethods() == 0 {
			return // any: every type converted to it, none called through it
		}
		ts, _ := m.At(iface).([]types.Type)
		if slices.ContainsFunc(ts, func(t types.Type) bool { return types.Identical(t, concrete) }) {
			return
		}
		m.Set(iface, append(ts, concrete))
	}
	funcs := s.SrcFuncs
	if init := s.Pkg.Func("init"); init != nil {
		funcs = append(slices.Clip(funcs), init) // package-level initializers
	}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if mi, ok := instr.(*ssa.MakeInterface); ok {
					add(mi.Type(), mi.X.Type())
				}
			}
		}
	}
	for _, file := range s.files {
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if name.Name != "_" || i >= len(vs.Values) {
						continue
					}
					if v, ok := s.info.Defs[name].(*types.Var); ok {
						add(v.Type(), s.info.TypeOf(vs.Values[i]))
					}
				}
			}
		}
	}
	return m
}
