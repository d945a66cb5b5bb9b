package lazyssa

import (
	"go/token"
	"go/types"
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
)

// FieldFuncs returns, for each struct field (or package-level variable) of
// function type, the functions of this package (declared or literal) that
// the package stores in it, directly or wrapped by sync.OnceValue(s):
//
//	s := &Service{}
//	s.get = func() *Session { return st.Current() }
//
// so that a call of s.get() may run them. The list is what this package
// stores; other packages may store more in an exported field, and a call
// may run those too. It is computed once, in one pass over the package's
// instructions, and cached.
func (s *SSA) FieldFuncs() map[*types.Var][]*ssa.Function {
	s.fieldOnce.Do(func() {
		funcs := s.SrcFuncs
		if init := s.Pkg.Func("init"); init != nil {
			// The package initializer stores variables' initial values.
			funcs = append(slices.Clip(funcs), init)
		}
		s.fieldFuncs = fieldFuncs(funcs)
	})
	return s.fieldFuncs
}

func fieldFuncs(funcs []*ssa.Function) map[*types.Var][]*ssa.Function {
	out := make(map[*types.Var][]*ssa.Function)
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				f := funcVarAt(st.Addr)
				if f == nil {
					continue
				}
				if g := storedFunc(st.Val); g != nil && !slices.Contains(out[f], g) {
					out[f] = append(out[f], g)
				}
			}
		}
	}
	return out
}

// CalledField returns the field (or package-level variable) of function
// type whose value a call runs (s.get() loads s.get and calls it), or nil.
func CalledField(common *ssa.CallCommon) *types.Var {
	if common.IsInvoke() {
		return nil
	}
	switch v := common.Value.(type) {
	case *ssa.UnOp: // (*s).get
		if v.Op != token.MUL {
			return nil
		}
		return funcVarAt(v.X)
	case *ssa.Field: // a struct value's field
		st, ok := v.X.Type().Underlying().(*types.Struct)
		if ok && v.Field < st.NumFields() {
			return st.Field(v.Field).Origin()
		}
	}
	return nil
}

// funcVarAt returns the field (s.get) or package-level variable (var get
// = sync.OnceValue(...)) of function type that addr is the address of, or
// nil.
func funcVarAt(addr ssa.Value) *types.Var {
	switch addr := addr.(type) {
	case *ssa.FieldAddr:
		return fieldVar(addr.X.Type(), addr.Field)
	case *ssa.Global:
		g, ok := addr.Object().(*types.Var)
		if !ok {
			return nil
		}
		if _, ok := g.Type().Underlying().(*types.Signature); !ok {
			return nil
		}
		return g
	}
	return nil
}

// fieldVar returns field i of the struct that ptr points to, if the field
// has a function type.
func fieldVar(ptr types.Type, i int) *types.Var {
	p, ok := ptr.Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return nil
	}
	f := st.Field(i)
	if _, ok := f.Type().Underlying().(*types.Signature); !ok {
		return nil
	}
	return f.Origin()
}

// storedFunc returns the function of this package that v is (a declared
// function, a closure, through conversions between function types), or nil.
func storedFunc(v ssa.Value) *ssa.Function {
	for {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
		case *ssa.MakeClosure:
			v = x.Fn
		case *ssa.Function:
			if o := x.Origin(); o != nil {
				x = o
			}
			if x.Synthetic != "" {
				// A method value's wrapper (s.lookup): the method.
				m, ok := x.Object().(*types.Func)
				if !ok || m.Signature().Recv() == nil {
					return nil
				}
				if x = x.Prog.FuncValue(m.Origin()); x == nil || x.Synthetic != "" {
					return nil
				}
			}
			if x.Blocks == nil {
				return nil
			}
			return x
		case *ssa.Call:
			// s.get = sync.OnceValue(f): a call of s.get runs f (once,
			// and returns what it returned then).
			if !IsOnceValue(x.Common()) || len(x.Call.Args) != 1 {
				return nil
			}
			v = x.Call.Args[0]
		default:
			return nil
		}
	}
}

// IsOnceValue reports whether common calls sync.OnceValue or
// sync.OnceValues, whose result runs the function passed to it.
func IsOnceValue(common *ssa.CallCommon) bool {
	fn, ok := common.Value.(*ssa.Function)
	if !ok {
		return false
	}
	obj, ok := fn.Object().(*types.Func)
	return ok && obj.Pkg() != nil && obj.Pkg().Path() == "sync" && (obj.Name() == "OnceValue" || obj.Name() == "OnceValues")
}
