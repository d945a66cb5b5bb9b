package referents

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/weaklint/weaklint/internal/ssa"
)

// An error's keys name what errors.Is and errors.As find in its chain, as
// the function returning it built it: a sentinel variable (path.name,
// globalName), or a concrete error type (its types.TypeString, typeKey)
// with what its Unwrap method returns and the sentinels its own Is method
// matches (ismethod.go). All the keys of one error match it:
//
//	ErrGone                              {ErrGone}
//	fmt.Errorf("load %s: %w", k, ErrGone) {ErrGone}
//	errors.Join(ErrNoOwner, err)         {ErrNoOwner}
//	&EvictedError{ID: id}                {*EvictedError, ErrEvicted} (Unwrap returns ErrEvicted)
//	GoneError{ID: id}                    {GoneError, ErrGone} (Is(target) returns target == ErrGone)
//
// so a caller's false errors.Is or errors.As test of any of them excludes
// that error.

// maxErrKeysDepth bounds the wrappers, phis and Unwrap methods looked through.
const maxErrKeysDepth = 4

// errKeys returns the keys of the error value e (sorted), or nil if it is
// not known to match any.
func (c *checker) errKeys(e ssa.Value, depth int) []string {
	if depth > maxErrKeysDepth {
		return nil
	}
	var keys []string
	switch e := e.(type) {
	case *ssa.UnOp:
		if g := sentinelOf(e); g != nil {
			keys = []string{globalName(g)}
		}
	case *ssa.ChangeInterface:
		keys = c.errKeys(e.X, depth+1)
	case *ssa.MakeInterface:
		prog := e.Parent().Prog
		keys = append([]string{typeKey(e.X.Type())}, c.unwrapKeys(prog, e.X.Type(), depth+1)...)
		keys = append(keys, c.isMethodKeys(prog, e.X.Type())...)
	case *ssa.Call:
		keys = c.wrappedKeys(e.Common(), depth)
	case *ssa.Extract:
		// return nil, err with err from a callee whose every error
		// has these keys.
		if call, ok := e.Tuple.(*ssa.Call); ok {
			keys = c.calleeErrKeys(call, e.Index)
		}
	case *ssa.Phi:
		// Each edge's keys: a key all edges share.
		for i, edge := range e.Edges {
			k := c.errKeys(c.canon(edge), depth+1)
			if i == 0 {
				keys = k
				continue
			}
			keys = slices.DeleteFunc(keys, func(s string) bool { return !slices.Contains(k, s) })
		}
	}
	if len(keys) == 0 {
		return nil
	}
	return slices.Compact(slices.Sorted(slices.Values(keys)))
}

// wrappedKeys returns the keys of the errors that errors.Join or the %w
// verbs of fmt.Errorf wrap in the error common returns.
func (c *checker) wrappedKeys(common *ssa.CallCommon, depth int) []string {
	fn := common.StaticCallee()
	if fn == nil || fn.Pkg == nil || len(common.Args) == 0 {
		return nil
	}
	var wrapped []ssa.Value
	switch path, name := fn.Pkg.Pkg.Path(), fn.Name(); {
	case path == "errors" && name == "Join":
		wrapped = variadicArgs(common.Args[0])
	case path == "fmt" && name == "Errorf" && len(common.Args) == 2:
		format, ok := common.Args[0].(*ssa.Const)
		if !ok || format.Value == nil || format.Value.Kind() != constant.String {
			return nil
		}
		args := variadicArgs(common.Args[1])
		for _, i := range wrapVerbs(constant.StringVal(format.Value)) {
			if i < len(args) {
				wrapped = append(wrapped, args[i])
			}
		}
	}
	var keys []string
	for _, w := range wrapped {
		keys = append(keys, c.errKeys(c.canon(w), depth+1)...)
	}
	return keys
}

// variadicArgs returns the values of the slice built for a variadic call
// (new [n]T, stores to its elements, slice), by position, each seen
// through its conversion to the element's interface type; nil entries for
// positions not found.
func variadicArgs(v ssa.Value) []ssa.Value {
	sl, ok := v.(*ssa.Slice)
	if !ok {
		return nil
	}
	arr, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var out []ssa.Value
	for _, ref := range *arr.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		idx, ok := ia.Index.(*ssa.Const)
		if !ok {
			continue
		}
		i, ok := constant.Int64Val(idx.Value)
		if !ok || i < 0 || i > 64 {
			continue
		}
		for _, r := range *ia.Referrers() {
			st, ok := r.(*ssa.Store)
			if !ok || st.Addr != ssa.Value(ia) {
				continue
			}
			for int64(len(out)) <= i {
				out = append(out, nil)
			}
			val := st.Val
			if ci, ok := val.(*ssa.ChangeInterface); ok {
				val = ci.X
			}
			out[i] = val
		}
	}
	return out
}

// wrapVerbs returns the indexes of the arguments that the %w verbs of an
// fmt format consume, or nil if the format uses explicit argument indexes.
func wrapVerbs(format string) []int {
	var out []int
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		// Flags, width and precision; * consumes an argument.
		for ; i < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[i]) >= 0; i++ {
			switch format[i] {
			case '*':
				arg++
			case '[':
				return nil
			}
		}
		if i < len(format) {
			if format[i] == 'w' {
				out = append(out, arg)
			}
			arg++
		}
	}
	return out
}

// calleeErrKeys returns the keys that every non-nil error result index of
// call has, as the callee's fact says (MaybeNil.AllErrs), or nil.
func (c *checker) calleeErrKeys(call *ssa.Call, index int) []string {
	sum := c.summaryOf(call.Common())
	if sum == nil {
		return nil
	}
	for _, r := range sum.errFor(index) {
		if r.AllErrs && len(r.Sentinels) == 1 {
			return r.Sentinels[0]
		}
	}
	return nil
}

// unwrapKeys returns the keys of the error that the Unwrap method of the
// error type t (a method of this package) returns on every path.
func (c *checker) unwrapKeys(prog *ssa.Program, t types.Type, depth int) []string {
	sel := types.NewMethodSet(t).Lookup(nil, "Unwrap")
	if sel == nil {
		return nil
	}
	m, ok := sel.Obj().(*types.Func)
	if !ok || m.Pkg() != c.pass.Pkg || m.Signature().Results().Len() != 1 || !isErrorType(m.Signature().Results().At(0).Type()) {
		return nil
	}
	fn := prog.FuncValue(m)
	if fn == nil || fn.Blocks == nil {
		return nil
	}
	var keys []string
	first := true
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) != 1 {
			continue
		}
		k := c.errKeys(c.canon(ret.Results[0]), depth+1)
		if first {
			keys, first = k, false
			continue
		}
		keys = slices.DeleteFunc(keys, func(s string) bool { return !slices.Contains(k, s) })
	}
	return keys
}

// typeKey is the key of a concrete error type, as errors.As targets name it.
func typeKey(t types.Type) string { return types.TypeString(t, nil) }

// asTarget returns the key of the type that errors.As(err, target) looks
// for: target is &v with v of that type.
func asTarget(target ssa.Value) string {
	if mi, ok := target.(*ssa.MakeInterface); ok {
		target = mi.X
	}
	ptr, ok := target.Type().Underlying().(*types.Pointer)
	if !ok {
		return ""
	}
	return typeKey(ptr.Elem())
}

// sentinelOf returns the package-level error variable that e loads, or nil.
func sentinelOf(e ssa.Value) *ssa.Global {
	if load, ok := e.(*ssa.UnOp); ok && load.Op == token.MUL {
		g, _ := load.X.(*ssa.Global)
		return g
	}
	return nil
}

// globalName names a package-level variable across packages: path.name.
func globalName(g *ssa.Global) string {
	if g.Pkg == nil {
		return g.Name()
	}
	return g.Pkg.Pkg.Path() + "." + g.Name()
}
