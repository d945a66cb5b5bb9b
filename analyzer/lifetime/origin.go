package lifetime

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/analyzer/internal/reach"
	"github.com/weaklint/weaklint/internal/ssa"
)

// An originKind says where the object a pointer points into comes from.
type originKind int

const (
	unknownOrigin originKind = iota
	heapOrigin               // new(T), &T{…}, a local whose address is taken, a fresh constructor's result
	paramOrigin              // a parameter of the function
	globalOrigin             // a package-level variable (&x, &x.f, &x[i])
	staticOrigin             // the object of a statically initialized package-level pointer (var x = &T{…})
	valueOrigin              // a pointer loaded or returned from elsewhere: only its type is known
)

// An origin is the object a referent pointer points into.
type origin struct {
	kind   originKind
	ptr    ssa.Value   // the pointer to the whole object (the Alloc, Global, Parameter, …)
	elem   types.Type  // the whole object's type
	global *ssa.Global // for globalOrigin and staticOrigin
	param  *ssa.Parameter
}

// originOf returns the object that pointer v points into.
func (l *lifetime) originOf(v ssa.Value) origin {
	v = reach.Underlying(v)
	switch x := v.(type) {
	case *ssa.Alloc:
		return origin{kind: heapOrigin, ptr: x, elem: pointee(x.Type())}
	case *ssa.Global:
		return origin{kind: globalOrigin, ptr: x, elem: pointee(x.Type()), global: x}
	case *ssa.FieldAddr:
		if o := l.originOf(x.X); o.kind != valueOrigin && o.kind != unknownOrigin {
			return o
		}
		return origin{kind: unknownOrigin}
	case *ssa.IndexAddr:
		if _, ok := x.X.Type().Underlying().(*types.Pointer); ok { // an array, not a slice
			if o := l.originOf(x.X); o.kind != valueOrigin && o.kind != unknownOrigin {
				return o
			}
		}
		return origin{kind: unknownOrigin}
	case *ssa.Parameter:
		return origin{kind: paramOrigin, ptr: x, elem: pointee(x.Type()), param: x}
	case *ssa.UnOp:
		if x.Op == token.MUL {
			if g, ok := x.X.(*ssa.Global); ok && l.staticPointer(g) {
				return origin{kind: staticOrigin, ptr: x, elem: pointee(x.Type()), global: g}
			}
		}
	case *ssa.Call:
		if callee := staticCallee(x.Common()); callee != nil && l.isFresh(callee) {
			return origin{kind: heapOrigin, ptr: x, elem: pointee(x.Type())}
		}
	}
	if elem := pointee(v.Type()); elem != nil {
		return origin{kind: valueOrigin, ptr: v, elem: elem}
	}
	return origin{kind: unknownOrigin}
}

// pointee returns T for a pointer type *T, or nil.
func pointee(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return nil
}

// staticPointer reports whether package-level variable g holds, for the
// whole run, an object the linker allocates: its initializer is &T{…} of
// constants (or a call of a function of the package that only returns
// such a literal), and the package never assigns it otherwise. Go
// initializes those statically; new(T) and everything made in init() are
// heap objects.
func (l *lifetime) staticPointer(g *ssa.Global) bool {
	obj, ok := g.Object().(*types.Var)
	if !ok || obj.Pkg() != l.pass.Pkg {
		return false
	}
	init, ok := l.pkgInits()[obj]
	if !ok || !l.staticLiteralPtr(init, 0) {
		return false
	}
	return !l.assignedOutsideInit(g)
}

// pkgInits maps each package-level variable declared alone with an
// initializer to that expression.
func (l *lifetime) pkgInits() map[*types.Var]ast.Expr {
	if l.inits != nil {
		return l.inits
	}
	l.inits = make(map[*types.Var]ast.Expr)
	for _, f := range l.pass.Files {
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.VAR {
				continue
			}
			for _, spec := range gen.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Names) != len(vs.Values) {
					continue
				}
				for i, name := range vs.Names {
					if v, ok := l.pass.TypesInfo.Defs[name].(*types.Var); ok {
						l.inits[v] = vs.Values[i]
					}
				}
			}
		}
	}
	return l.inits
}

// staticLiteralPtr reports whether e is &T{…} whose elements are all
// constants, nested literals or addresses of variables, or a call without
// arguments of a package function whose body only returns such a literal.
func (l *lifetime) staticLiteralPtr(e ast.Expr, depth int) bool {
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.UnaryExpr:
		lit, ok := ast.Unparen(e.X).(*ast.CompositeLit)
		return e.Op == token.AND && ok && l.staticLiteral(lit)
	case *ast.CallExpr:
		if depth > 0 || len(e.Args) > 0 {
			return false
		}
		id, ok := ast.Unparen(e.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		fn, ok := l.pass.TypesInfo.Uses[id].(*types.Func)
		if !ok || fn.Pkg() != l.pass.Pkg {
			return false
		}
		decl := l.funcDecl(fn)
		if decl == nil || decl.Body == nil || len(decl.Body.List) != 1 {
			return false
		}
		ret, ok := decl.Body.List[0].(*ast.ReturnStmt)
		return ok && len(ret.Results) == 1 && l.staticLiteralPtr(ret.Results[0], depth+1)
	}
	return false
}

func (l *lifetime) staticLiteral(lit *ast.CompositeLit) bool {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			elt = kv.Value
		}
		if !l.staticValue(elt) {
			return false
		}
	}
	return true
}

func (l *lifetime) staticValue(e ast.Expr) bool {
	e = ast.Unparen(e)
	if tv, ok := l.pass.TypesInfo.Types[e]; ok && (tv.Value != nil || tv.IsNil()) {
		return true
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return l.staticLiteral(e)
	case *ast.UnaryExpr:
		if e.Op != token.AND {
			return false
		}
		if lit, ok := ast.Unparen(e.X).(*ast.CompositeLit); ok {
			return l.staticLiteral(lit)
		}
		if id, ok := ast.Unparen(e.X).(*ast.Ident); ok {
			v, ok := l.pass.TypesInfo.Uses[id].(*types.Var)
			return ok && v.Parent() == l.pass.Pkg.Scope()
		}
	case *ast.Ident:
		_, ok := l.pass.TypesInfo.Uses[e].(*types.Func)
		return ok
	}
	return false
}

// funcDecl returns the declaration of a function of the package.
func (l *lifetime) funcDecl(fn *types.Func) *ast.FuncDecl {
	for _, f := range l.pass.Files {
		if f.Pos() <= fn.Pos() && fn.Pos() < f.End() {
			for _, decl := range f.Decls {
				if d, ok := decl.(*ast.FuncDecl); ok && d.Name.Pos() == fn.Pos() {
					return d
				}
			}
		}
	}
	return nil
}

// assignedOutsideInit reports whether a function other than the package
// initializer stores into g (or takes its address for anything but a load,
// which might let another function store through it).
func (l *lifetime) assignedOutsideInit(g *ssa.Global) bool {
	if l.ssa == nil {
		// All the functions are built: one scan answers for every global.
		if l.stored == nil {
			l.stored = make(map[*ssa.Global]bool)
			for _, fn := range l.funcs {
				storedGlobals(fn, l.stored)
			}
		}
		return l.stored[g]
	}
	// Only a function that names g has an instruction with g as operand.
	for _, fn := range l.funcsUsing(func(obj types.Object) bool { return obj == g.Object() }) {
		stored := make(map[*ssa.Global]bool)
		storedGlobals(fn, stored)
		if stored[g] {
			return true
		}
	}
	return false
}

// storedGlobals adds to stored the globals that fn uses other than by
// loading them: stores, addresses passed on.
func storedGlobals(fn *ssa.Function, stored map[*ssa.Global]bool) {
	var ops []*ssa.Value
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if u, ok := instr.(*ssa.UnOp); ok && u.Op == token.MUL {
				continue
			}
			ops = instr.Operands(ops[:0])
			for _, op := range ops {
				if g, ok := (*op).(*ssa.Global); ok {
					stored[g] = true
				}
			}
		}
	}
}
